using System.Collections.Immutable;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Play;

namespace PartyProtocol.Core.Cartridges.Bluff;

/// <summary>Bluff's phases.</summary>
public static class BluffPhases
{
    public const string Lie = "lie";
    public const string Guess = "guess";
    public const string Reveal = "reveal";
    public const string Scoreboard = "scoreboard";
    public const string GameOver = "game_over";
}

/// <summary>Where an answer on the guess screen came from.</summary>
public enum AnswerKind
{
    Truth,
    Lie,
    House,
}

/// <summary>The round's question as the server keeps it (truth included: never put this in a view).</summary>
public sealed record RoundQuestion(string Id, string Category, string Text, string Truth, ImmutableList<string> Alternates, ImmutableList<string> Decoys);

/// <summary>A player's lie. <see cref="LieForMe"/> lies were picked from the suggestions and earn half points.</summary>
public sealed record BluffLie(string Text, string Key, bool LieForMe);

/// <summary>One answer on the guess screen; identical lies share one answer with several authors.</summary>
public sealed record BluffAnswer(string Id, string Text, AnswerKind Kind, ImmutableList<string> Authors);

/// <summary>Points one player earned from one reveal step.</summary>
/// <param name="Reason"><c>found_truth</c> or <c>fooled</c>.</param>
public sealed record PointsAward(string PlayerId, string Name, int Points, string Reason);

/// <summary>One step of the incremental reveal: an answer, who wrote it, who picked it, the points, the running scores.</summary>
/// <remarks>Also the payload of the <c>reveal.step</c> event.</remarks>
public sealed record RevealStep(
    int Index,
    int Total,
    string AnswerId,
    string Text,
    AnswerKind Kind,
    ImmutableList<NamedPlayer> Authors,
    ImmutableList<NamedPlayer> Pickers,
    ImmutableList<PointsAward> Points,
    ImmutableDictionary<string, int> Scores) : IEventData
{
    public static string EventType => "reveal.step";

    /// <summary>How many audience members picked this answer ("the audience picked…"); 0 without an audience vote.</summary>
    public int AudiencePicks { get; init; }

    /// <summary>Of the audience members who voted this round, how many picked this answer, as a fraction (0–1).</summary>
    public double AudienceShare { get; init; }
}

/// <summary>Running tallies for the awards.</summary>
public sealed record BluffStats(int TruthsFound = 0, int PlayersFooled = 0, int LiesPicked = 0, int ReactionsReceived = 0,
    int BestLaughs = 0, int HeartsReceived = 0)
{
    /// <summary>Audience members the player's lies fooled, over the game.</summary>
    public int AudienceFooled { get; init; }
}

/// <summary>Bluff's whole game state. Immutable; changed with <c>with</c>.</summary>
public sealed record BluffState
{
    public required string Phase { get; init; }

    public required int Round { get; init; }

    public required int TotalRounds { get; init; }

    public required RoundQuestion Question { get; init; }

    public ImmutableList<string> UsedQuestionIds { get; init; } = [];

    public ImmutableDictionary<string, BluffLie> Lies { get; init; } = ImmutableDictionary<string, BluffLie>.Empty;

    public ImmutableDictionary<string, ImmutableList<string>> Suggestions { get; init; } = ImmutableDictionary<string, ImmutableList<string>>.Empty;

    public ImmutableList<BluffAnswer> Answers { get; init; } = [];

    public ImmutableDictionary<string, string> Guesses { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>answerId → emoji → the players who reacted (only counts ever leave the server).</summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, ImmutableHashSet<string>>> Reactions { get; init; } =
        ImmutableDictionary<string, ImmutableDictionary<string, ImmutableHashSet<string>>>.Empty;

    public ImmutableList<RevealStep> Reveal { get; init; } = [];

    /// <summary>Answers the host hid this round (their text is now a house lie's).</summary>
    public ImmutableHashSet<string> HiddenAnswers { get; init; } = [];

    /// <summary>How many reveal steps have been shown.</summary>
    public int Revealed { get; init; }

    /// <summary>Committed scores (during the reveal, views show the last revealed step's running scores instead).</summary>
    public ImmutableDictionary<string, int> Scores { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>Ranks before this round's points, for rank changes on the scoreboard.</summary>
    public ImmutableDictionary<string, int> RanksBefore { get; init; } = ImmutableDictionary<string, int>.Empty;

    public ImmutableDictionary<string, BluffStats> Stats { get; init; } = ImmutableDictionary<string, BluffStats>.Empty;

    public FinalResult? Final { get; init; }

    public int ScoreOf(string playerId) => Scores.GetValueOrDefault(playerId);
}
