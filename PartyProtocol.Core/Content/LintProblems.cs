using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Content;

/// <summary>
/// The content lint's problems, one code per rule (<c>lint_…</c>, and <c>cell_…</c> for a cell of a question table that
/// cannot be read). Each English message is the end of a sentence about a field ("is missing"); the web app words the
/// codes in the reader's language, and <see cref="OnField"/> makes the whole sentence ("truth is missing").
/// </summary>
public static class LintProblems
{
    public static FieldError Missing { get; } = new("lint_missing", "is missing");

    public static FieldError LanguageMissing { get; } = new("lint_language_missing", "is missing (e.g. \"en\" or \"da\")");

    public static FieldError SourceMissing { get; } = new("lint_source_missing", "is missing: name a reliable reference where the fact can be checked");

    public static FieldError ListMissing { get; } = new("lint_list_missing", "is missing (use [] for none)");

    public static FieldError NeedsLetter { get; } = new("lint_needs_letter", "needs at least one letter or digit");

    /// <summary>The sentence about a field: its name and its problem ("truth must be 1–60 characters").</summary>
    public static FieldError OnField(string field, FieldError problem) => new("question_field", $"{field} {problem.Message}", field, problem);

    public static FieldError IdRepeated(string file) => new("lint_id_repeated", $"repeats an id already used in {file}", file);

    public static FieldError LongerThan(int max) => new("lint_longer_than", $"is longer than {max} characters", max);

    public static FieldError Length(int max) => new("lint_length", $"must be 1–{max} characters", max);

    public static FieldError OneBlank(string blank) => new("lint_one_blank", $"must contain exactly one {blank}", blank);

    public static FieldError GivesAnswerAway(string answer) => new("lint_gives_answer_away", $"gives an answer away: '{answer}' appears in it", answer);

    public static FieldError ForbiddenCharacters(string answer) =>
        new("lint_forbidden_characters", $"has '{answer}', which contains control, bidi or invisible characters", answer);

    public static FieldError IsRightAnswer(string answer) => new("lint_is_right_answer", $"has '{answer}', which is a right answer", answer);

    public static FieldError Twice(string answer) => new("lint_twice", $"has '{answer}' twice", answer);

    public static FieldError SameAnswerAs(string id, string file) =>
        new("lint_same_answer", $"is the same answer as question '{id}' ({file}): the two would give each other away", id, file);

    public static FieldError NearlyRepeats(string id, string file, int shared, int words) =>
        new("lint_nearly_repeats", $"nearly repeats question '{id}' ({file}): they share {shared} of their {words} words", id, file, shared, words);

    public static FieldError MoreEntriesThan(int max) => new("lint_more_entries_than", $"has more than {max} entries", max);

    public static FieldError AtLeastEntries(int min) => new("lint_at_least_entries", $"needs at least {min} entries", min);

    public static FieldError EntriesBetween(int min, int max) => new("lint_entries_between", $"needs {min}–{max} entries", min, max);

    public static FieldError EntryNoLetter(string entry) => new("lint_entry_no_letter", $"has '{entry}', which has no letter or digit", entry);

    public static FieldError EntryLongerThan(int max) => new("lint_entry_longer_than", $"has an entry longer than {max} characters", max);

    public static FieldError EntryEmptyOrLongerThan(int max) =>
        new("lint_entry_empty_or_longer_than", $"has an entry that is empty or longer than {max} characters", max);

    public static FieldError ChoiceIndex(int choices) =>
        new("lint_choice_index", $"must be the index of one of the {choices} choices (0–{choices - 1})", choices, choices - 1);

    public static FieldError SecondsBetween(int min, int max) => new("lint_seconds_between", $"must be {min}–{max} seconds", min, max);

    public static FieldError YesOrNo(string text) => new("cell_yes_or_no", $"must be yes or no, not '{text}'", text);

    public static FieldError WholeNumber(string text) => new("cell_whole_number", $"must be a whole number, not '{text}'", text);

    public static FieldError OneToFour { get; } = new("cell_one_to_four", "must be 1, 2, 3 or 4");

    public static FieldError NamesBlankChoice(int number) => new("cell_names_blank_choice", $"names choice {number}, which is blank", number);
}
