using System.Collections.Concurrent;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Content;

/// <summary>
/// A game that plays questions from packs. The platform lets a host choose the packs (built-in ones and their own)
/// when a session is created, and hands the choice to the game here; the game keeps it in its settings record.
/// </summary>
public interface IQuestionGame
{
    /// <summary>The cartridge key.</summary>
    string Key { get; }

    /// <summary>The packs the game ships (and those of the extra packs folder).</summary>
    IQuestionLibrary Library { get; }

    /// <summary>The game's question record.</summary>
    Type QuestionType { get; }

    /// <summary>
    /// The settings with these questions: only the chosen built-in packs and the given own questions are drawn from.
    /// Refused with <c>invalid_input</c> naming <c>packs</c> (an unknown pack, no question left for these settings) or
    /// the setting the choice no longer suits (<c>settings.rounds</c>: more rounds than questions).
    /// </summary>
    Result<object> WithQuestions(object settings, QuestionChoice choice);

    /// <summary>The built-in packs the settings draw from (null: all of them) and how many own questions they carry.</summary>
    (IReadOnlyList<string>? Packs, int OwnQuestions) ChosenQuestions(object settings);

    /// <summary>
    /// The settings for the same room's next game ("play again"): those played in <paramref name="state"/> (and in the
    /// games before it) drawn only once every other question has been. The questions are those of
    /// <paramref name="settings"/> (its packs and own questions) — or, when <paramref name="questionsChosenAnew"/>, those the
    /// host chose in <paramref name="next"/>; the other settings come from <paramref name="next"/> when the host changed them.
    /// </summary>
    object PlayAgain(object settings, object? state, object? next = null, bool questionsChosenAnew = false);
}

/// <summary>
/// Base of cartridges that play questions: keeps a <see cref="QuestionDeck{TQuestion}"/> in the settings record and
/// answers <see cref="IQuestionGame"/> from it. A game says where the deck lives in its settings, which question ids a
/// game state has played, and draws with <see cref="Deck"/>'s <c>Pool</c>, <c>Fresh</c> and <c>Draw</c>.
/// </summary>
public abstract class QuestionCartridge<TSettings, TState, TQuestion>(QuestionLibrary<TQuestion> library)
    : Cartridge<TSettings, TState>, IQuestionGame
    where TSettings : class
    where TState : class
    where TQuestion : class, IQuestion
{
    /// <summary>The packs the game ships (and those of the extra packs folder).</summary>
    public QuestionLibrary<TQuestion> Library { get; } = library;

    IQuestionLibrary IQuestionGame.Library => Library;

    public Type QuestionType => typeof(TQuestion);

    /// <summary>The deck of these settings.</summary>
    protected abstract QuestionDeck<TQuestion> Deck(TSettings settings);

    /// <summary>The settings with another deck (<c>settings with { Questions = deck }</c>).</summary>
    protected abstract TSettings WithDeck(TSettings settings, QuestionDeck<TQuestion> deck);

    /// <summary>The ids of the questions a game state has drawn.</summary>
    protected abstract IEnumerable<string> Played(TState state);

    /// <summary>
    /// The room's language (<see cref="PackLanguage"/>): only built-in packs written in it are drawn from; the host's
    /// own questions always are. Null for a game whose settings have no language.
    /// </summary>
    protected virtual string? Language(TSettings settings) => null;

    /// <summary>
    /// The questions these settings may draw: the deck's pool, the built-in ones in the room's language, family-friendly
    /// ones only when asked. Worked out once per choice of built-in packs, language and family-friendliness (the library
    /// never changes), since every session's creation and every round ask for it; a deck with own questions is worked
    /// out each time.
    /// </summary>
    protected IReadOnlyList<TQuestion> Pool(TSettings settings, bool familyFriendly)
    {
        var deck = Deck(settings);
        var language = Language(settings);
        if (!deck.Own.IsEmpty)
        {
            return [.. PoolOf(deck, language, familyFriendly)];
        }

        var key = new PoolKey(deck.Packs is null ? null : string.Join('\n', deck.Packs), language, familyFriendly);
        if (_builtInPools.TryGetValue(key, out var pool))
        {
            return pool;
        }

        pool = [.. PoolOf(deck, language, familyFriendly)];
        // Bounded: a host can name any set of packs, and the cache must not grow with them.
        if (_builtInPools.Count < MaxCachedPools)
        {
            _builtInPools.TryAdd(key, pool);
        }

        return pool;
    }

    private const int MaxCachedPools = 256;

    private readonly ConcurrentDictionary<PoolKey, TQuestion[]> _builtInPools = new();

    private readonly record struct PoolKey(string? Packs, string? Language, bool FamilyFriendly);

    private IEnumerable<TQuestion> PoolOf(QuestionDeck<TQuestion> deck, string? language, bool familyFriendly) =>
        deck.Pool(Library)
            .Where(q => language is null || Library.Entry(q.Id) is not { } entry
                || deck.Own.Contains(q) || PackLanguage.Plays(entry.Pack.Language, language))
            .Where(q => q.FamilyFriendly || !familyFriendly);

    public Result<object> WithQuestions(object settings, QuestionChoice choice)
    {
        var unknown = (choice.Packs ?? []).Where(key => Library.Packs.All(p => p.Pack != key)).ToList();
        if (unknown.Count > 0)
        {
            return GameError.Invalid("packs", new FieldError("unknown_pack", $"{Name} has no built-in pack '{unknown[0]}'.", Name, unknown[0]));
        }

        if (choice.Own.FirstOrDefault(q => q is not TQuestion) is { } other)
        {
            return GameError.Invalid("packs", new FieldError("not_a_question_of", $"'{other.Id}' is not a {Name} question.", other.Id, Name));
        }

        var deck = Deck((TSettings)settings) with
        {
            Packs = choice.Packs is null ? null : [.. choice.Packs.Distinct(StringComparer.Ordinal)],
            Own = [.. choice.Own.Cast<TQuestion>()],
            Played = [.. choice.Played ?? []],
        };
        var chosen = WithDeck((TSettings)settings, deck);
        var errors = Validate(chosen)
            .GroupBy(e => e.Field == "packs" ? "packs" : $"settings.{e.Field}")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Error).ToArray(), StringComparer.Ordinal);
        return errors.Count == 0
            ? chosen
            : GameError.Fields(ErrorCodes.InvalidInput, errors.First().Value[0].Message, ErrorKind.Invalid, errors);
    }

    public (IReadOnlyList<string>? Packs, int OwnQuestions) ChosenQuestions(object settings)
    {
        var deck = Deck((TSettings)settings);
        return (deck.Packs, deck.Own.Count);
    }

    public object PlayAgain(object settings, object? state, object? next = null, bool questionsChosenAnew = false)
    {
        var previous = (TSettings)settings;
        var played = state is null ? Deck(previous) : Deck(previous).AfterPlaying(Played((TState)state));
        if (next is null)
        {
            return WithDeck(previous, played);
        }

        var typed = (TSettings)next;
        return WithDeck(typed, questionsChosenAnew ? Deck(typed).AfterPlaying(played.Played) : played);
    }
}
