using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Content;

/// <summary>
/// A game's question shape, as the shared content lint and the loaders see it: the sentence players read, the right
/// and wrong answers, and the game's own rules. Every game that uses questions declares one; the same rules then
/// check built-in packs at start-up, extra packs from a folder, and packs people write themselves.
/// </summary>
/// <typeparam name="TQuestion">The game's question record.</typeparam>
public abstract class QuestionFormat<TQuestion> where TQuestion : class, IQuestion
{
    /// <summary>The game these questions are for.</summary>
    public abstract string GameKey { get; }

    /// <summary>What players read: checked for answers it gives away and for near-duplicates.</summary>
    public abstract string Sentence(TQuestion question);

    /// <summary>The accepted answers: a wrong answer may equal none of them, and none may appear in the sentence.</summary>
    public abstract IReadOnlyList<string> RightAnswers(TQuestion question);

    /// <summary>The wrong answers offered beside the right one (house lies, wrong choices).</summary>
    public abstract IReadOnlyList<string> WrongAnswers(TQuestion question);

    /// <summary>
    /// Two questions with the same key give each other away in one game (same truth, same choices); null when the
    /// question has no such key.
    /// </summary>
    public abstract string? DuplicateKey(TQuestion question);

    /// <summary>
    /// The game's own rules for one question, as (field, problem) pairs; the shared rules are checked besides. A problem's
    /// English is the end of a sentence about its field ("is missing"), its code one of the lint's rules.
    /// </summary>
    public abstract IEnumerable<(string Field, FieldError Problem)> Check(TQuestion question);

    /// <summary>
    /// The same question with another id and category: in hosts' own packs the server gives every question its id, and
    /// a question written without a category takes its pack's name.
    /// </summary>
    public abstract TQuestion With(TQuestion question, string id, string category);
}
