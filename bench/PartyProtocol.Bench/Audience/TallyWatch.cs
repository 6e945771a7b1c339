using System.Globalization;
using System.Text.Json;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Cartridges.Quiz;

namespace PartyProtocol.Bench.Audience;

/// <summary>One vote's combined result as a connection saw it: how long after its phase closed, and the final count.</summary>
public sealed record TallySeen(string Key, TimeSpan AfterClose, long Total);

/// <summary>
/// Follows one connection's events for the tally on the TV: the event that closes a vote phase (Bluff's
/// <c>phase.scores_calculated</c> closes <c>guess-{round}</c>, Quiz's <c>phase.question_results</c> closes
/// <c>question-{number}</c>), and the <c>audience.updated</c> whose <c>vote.open</c> is false with the final counts
/// (docs/events.md). Each vote is reported once, with the time from the close event's <c>at</c> to the final
/// tally's arrival, whichever of the two arrives first. One connection's events come one at a time, so no lock.
/// </summary>
public sealed class TallyWatch
{
    public const string AudienceUpdated = "audience.updated";

    private Dictionary<string, DateTimeOffset>? _closed;
    private Dictionary<string, (DateTimeOffset Arrived, long Total)>? _tallied;
    private HashSet<string>? _reported;

    public TallySeen? Observe(ReceivedEvent received)
    {
        if (CloseKey(received) is { } closes)
        {
            (_closed ??= new(StringComparer.Ordinal))[closes] = received.At;
            return Match(closes);
        }

        if (received.Type == AudienceUpdated && FinalTally(received.Data) is { } final)
        {
            _tallied ??= new(StringComparer.Ordinal);
            _tallied.TryAdd(final.Key, (received.Arrived, final.Total));
            return Match(final.Key);
        }

        return null;
    }

    /// <summary>The vote key a phase-closing event closes, or null.</summary>
    public static string? CloseKey(ReceivedEvent received) => received.Type switch
    {
        BluffEvents.ScoresCalculated when Int(received.Data, "round") is { } round => string.Create(CultureInfo.InvariantCulture, $"guess-{round}"),
        QuizEvents.QuestionResults when Int(received.Data, "number") is { } number => string.Create(CultureInfo.InvariantCulture, $"question-{number}"),
        _ => null,
    };

    /// <summary>The vote key a phase-opening event opens (<c>guess-{round}</c>, <c>question-{number}</c>), or null.</summary>
    public static string? OpenKey(ReceivedEvent received) => received.Type switch
    {
        BluffEvents.GuessStarted when Int(received.Data, "round") is { } round => string.Create(CultureInfo.InvariantCulture, $"guess-{round}"),
        QuizEvents.QuestionStarted when Int(received.Data, "number") is { } number => string.Create(CultureInfo.InvariantCulture, $"question-{number}"),
        _ => null,
    };

    /// <summary><c>audience.updated</c>'s vote when it is closed (<c>open</c> false): its key and final total.</summary>
    public static (string Key, long Total)? FinalTally(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("vote", out var vote) && vote.ValueKind == JsonValueKind.Object
        && vote.TryGetProperty("open", out var open) && open.ValueKind == JsonValueKind.False
        && vote.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String
        && vote.TryGetProperty("total", out var total) && total.TryGetInt64(out var count)
            ? (key.GetString()!, count)
            : null;

    private TallySeen? Match(string key)
    {
        if (_closed is null || _tallied is null || !_closed.TryGetValue(key, out var closedAt) || !_tallied.TryGetValue(key, out var tally)
            || !(_reported ??= new(StringComparer.Ordinal)).Add(key))
        {
            return null;
        }

        return new TallySeen(key, tally.Arrived - closedAt, tally.Total);
    }

    private static int? Int(JsonElement data, string property) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(property, out var value) && value.TryGetInt32(out var n) ? n : null;
}
