using System.Text.Json.Serialization;

namespace PartyProtocol.Core.Content;

/// <summary>One trivia question of a pack.</summary>
/// <param name="Id">Unique across all packs, e.g. <c>ani-001</c>.</param>
/// <param name="Category">Display category.</param>
/// <param name="Text">The question, with exactly one <c>&lt;BLANK&gt;</c>.</param>
/// <param name="Truth">The real answer (never sent to a client before its reveal).</param>
/// <param name="Alternates">Other accepted spellings of the truth.</param>
/// <param name="Decoys">House lies: fill-ins and "lie for me" suggestions.</param>
/// <param name="FamilyFriendly">Whether the question suits a family audience. Required in pack files: a forgotten flag
/// must be named at start-up, not silently read as <c>false</c>.</param>
public sealed record Question(
    string Id,
    string Category,
    string Text,
    string Truth,
    IReadOnlyList<string> Alternates,
    IReadOnlyList<string> Decoys,
    [property: JsonRequired] bool FamilyFriendly)
{
    public const string Blank = "<BLANK>";
}

/// <summary>A question pack file: <c>{ "pack", "name", "questions": [...] }</c>.</summary>
public sealed record QuestionPack(string Pack, string Name, IReadOnlyList<Question> Questions);
