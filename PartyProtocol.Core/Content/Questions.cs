using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Content;

/// <summary>What every question of every game has; each game adds its own shape (Bluff's blank and lies, Quiz's choices).</summary>
public interface IQuestion
{
    /// <summary>Unique across all packs of the game, e.g. <c>ani-001</c>.</summary>
    string Id { get; }

    /// <summary>Display category.</summary>
    string Category { get; }

    /// <summary>Whether the question suits a family audience.</summary>
    bool FamilyFriendly { get; }

    /// <summary>
    /// Where an editor can check the fact: the title of a reliable reference. Shown nowhere in the game; required in
    /// the packs PartyProtocol ships.
    /// </summary>
    string? Source { get; }
}

/// <summary>A pack file: <c>{ "game", "pack", "name", "language", "questions": [...] }</c>.</summary>
/// <param name="Pack">The pack's key, e.g. <c>animals</c>: unique per game and language.</param>
/// <param name="Name">Display name.</param>
/// <param name="Language">The language its questions are written in (<c>en</c>, <c>da</c>).</param>
public sealed record QuestionPack<TQuestion>(string Pack, string Name, string Language, IReadOnlyList<TQuestion> Questions)
    where TQuestion : class, IQuestion
{
    /// <summary>
    /// The game the pack is for. Required in a folder of extra packs, where packs of every game sit side by side; the
    /// built-in packs live in their game's folder.
    /// </summary>
    public string? Game { get; init; }

    /// <summary>A sentence about the pack, for people choosing it (optional).</summary>
    public string? Description { get; init; }
}

/// <summary>Where a loaded question came from.</summary>
/// <param name="File">The file (or resource) it was read from, for messages.</param>
public sealed record PackInfo(string Pack, string Name, string Language, string File)
{
    /// <summary>Whether every question of the pack must name its source (the packs PartyProtocol ships).</summary>
    public bool RequireSource { get; init; } = true;

    /// <summary>The pack's description, when its file has one.</summary>
    public string? Description { get; init; }
}

/// <summary>A question with the pack it came from.</summary>
public sealed record PackedQuestion<TQuestion>(TQuestion Question, PackInfo Pack) where TQuestion : class, IQuestion;

/// <summary>One problem a pack has: the file, the question and the field, and what is wrong.</summary>
/// <param name="Number">The question's position in its file (1-based), or null for a problem of the pack itself.</param>
/// <param name="QuestionId">The question's id, when it has one.</param>
/// <param name="Problem">What is wrong, by the lint's rule: its English is the end of a sentence about the field ("is missing").</param>
public sealed record ContentProblem(string File, int? Number, string? QuestionId, string Field, FieldError Problem)
{
    /// <summary>What is wrong with the field, in English ("is missing").</summary>
    public string Message => Problem.Message;

    public override string ToString()
    {
        if (Number is null)
        {
            return $"{File}: field '{Field}' {Message}";
        }

        var question = QuestionId is null ? $"question #{Number}" : $"question #{Number} '{QuestionId}'";
        return $"{File}: {question}: field '{Field}' {Message}";
    }
}

/// <summary>A question pack failed validation: the message names the file, the question and the field.</summary>
public sealed class QuestionPackException : Exception
{
    public QuestionPackException()
    {
    }

    public QuestionPackException(string message) : base(message)
    {
    }

    public QuestionPackException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public QuestionPackException(IReadOnlyList<ContentProblem> problems)
        : base(string.Join(Environment.NewLine, problems.Select(p => p.ToString())))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, when more than one was checked.</summary>
    public IReadOnlyList<ContentProblem> Problems { get; } = [];
}

/// <summary>A game's loaded questions, as the platform sees them whatever their shape (start-up checks, diagnostics).</summary>
public interface IQuestionLibrary
{
    /// <summary>The game the questions are for.</summary>
    string GameKey { get; }

    /// <summary>The packs loaded.</summary>
    IReadOnlyList<PackInfo> Packs { get; }

    /// <summary>How many questions were loaded.</summary>
    int Count { get; }

    /// <summary>Display categories.</summary>
    IEnumerable<string> Categories { get; }

    /// <summary>How many questions the packs with this key hold.</summary>
    int CountIn(string pack);
}
