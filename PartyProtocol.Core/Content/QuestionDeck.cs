using System.Collections.Immutable;

namespace PartyProtocol.Core.Content;

/// <summary>
/// The questions one session draws from, fixed when the session is created and kept in its settings record: which
/// built-in packs, the host's own questions copied in (so a game never reads the accounts database), and the ids a
/// room already played in its earlier games.
/// </summary>
/// <remarks>
/// It travels inside the settings record, so every store keeps it with the session (Redis writes it with the
/// cartridge's settings type) and a game's functions stay pure. It is not a declared setting: views and presets never
/// show it.
/// </remarks>
public sealed record QuestionDeck<TQuestion> where TQuestion : class, IQuestion
{
    /// <summary>Every built-in pack, no own questions, nothing played before: what a session gets by default.</summary>
    public static QuestionDeck<TQuestion> Everything { get; } = new();

    /// <summary>The keys of the built-in packs to draw from; null for every built-in pack.</summary>
    public ImmutableList<string>? Packs { get; init; }

    /// <summary>Questions of the host's own packs, copied in when the session was created.</summary>
    public ImmutableList<TQuestion> Own { get; init; } = [];

    /// <summary>
    /// Ids of questions this room played in earlier games ("play again"): drawn only once every other question of the
    /// deck has been.
    /// </summary>
    public ImmutableHashSet<string> Played { get; init; } = [];

    /// <summary>Every question of the deck, built-in first, each id once.</summary>
    public IEnumerable<TQuestion> Pool(QuestionLibrary<TQuestion> library) =>
        library.Entries
            .Where(e => Packs is null || Packs.Contains(e.Pack.Pack, StringComparer.Ordinal))
            .Select(e => e.Question)
            .Concat(Own)
            .DistinctBy(q => q.Id, StringComparer.Ordinal);

    /// <summary>A question of the deck by id (own questions first).</summary>
    public TQuestion? Find(QuestionLibrary<TQuestion> library, string id) =>
        Own.FirstOrDefault(q => q.Id == id) ?? library.Find(id);

    /// <summary>
    /// The candidates a draw may pick: those this room has not played yet, while any remain; otherwise all of them.
    /// The order is kept, so with nothing played before the draw is exactly what it would be without this.
    /// </summary>
    public IReadOnlyList<TQuestion> Fresh(IEnumerable<TQuestion> candidates)
    {
        var all = candidates.ToList();
        var fresh = all.Where(q => !Played.Contains(q.Id)).ToList();
        return fresh.Count > 0 ? fresh : all;
    }

    /// <summary>The ids to play, <paramref name="count"/> at most: fresh ones first (in a seeded order), then played ones.</summary>
    public ImmutableList<string> Draw(IEnumerable<TQuestion> candidates, int count, Random random)
    {
        var ids = candidates.Select(q => q.Id).Order(StringComparer.Ordinal).ToList();
        var fresh = Shuffle(ids.Where(id => !Played.Contains(id)), random);
        var again = Shuffle(ids.Where(Played.Contains), random);
        return [.. fresh.Concat(again).Take(count)];
    }

    /// <summary>The same deck for the room's next game: the questions of this one count as played.</summary>
    public QuestionDeck<TQuestion> AfterPlaying(IEnumerable<string> played) => this with { Played = Played.Union(played) };

    private static List<string> Shuffle(IEnumerable<string> ids, Random random) => [.. ids.OrderBy(_ => random.Next())];
}

/// <summary>
/// A host's choice of questions as the platform hands it to a game, whatever the game's question shape.
/// </summary>
/// <param name="Packs">The built-in packs chosen, by key; null for every one of them.</param>
/// <param name="Own">The questions of the host's own packs, already checked by the game's rules.</param>
/// <param name="Played">Ids the room played before (see <see cref="QuestionDeck{TQuestion}.Played"/>).</param>
public sealed record QuestionChoice(IReadOnlyList<string>? Packs, IReadOnlyList<IQuestion> Own, IReadOnlyCollection<string>? Played = null);
