using System.Collections.Immutable;

namespace PartyProtocol.Core.Engine;

/// <summary>
/// The audience's combined voice in one vote: how many members picked each choice. The platform counts the votes with
/// commutative counters outside the session state, closes the vote when its phase ends, and hands the final tally to
/// the step that ends the phase (<see cref="GameContext{TSettings, TState}.Audience"/>).
/// </summary>
/// <param name="Key">The vote, as the phase names it (for example <c>guess-3</c>).</param>
/// <param name="Counts">Choice → number of members who picked it (choices nobody picked are absent).</param>
public sealed record AudienceTally(string Key, ImmutableDictionary<string, int> Counts)
{
    /// <summary>Members who voted.</summary>
    public int Total => Counts.Values.Sum();

    /// <summary>The members who picked <paramref name="choice"/>.</summary>
    public int For(string choice) => Counts.GetValueOrDefault(choice);

    /// <summary>The share of the voters who picked <paramref name="choice"/> (0 when nobody voted).</summary>
    public double ShareOf(string choice) => Total == 0 ? 0 : (double)For(choice) / Total;

    /// <summary>No vote at all.</summary>
    public static AudienceTally Empty(string key) => new(key, ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal));
}

/// <summary>An audience member's vote, as the cartridge accepted it: which vote, and the choice.</summary>
/// <param name="Key">The open vote (<see cref="AudienceTally.Key"/>).</param>
/// <param name="Choice">The choice, for example an answer id.</param>
public sealed record AudienceBallot(string Key, string Choice);
