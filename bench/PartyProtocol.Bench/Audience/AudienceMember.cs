using System.Text.Json;
using PartyProtocol.Bench.Clients;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Cartridges.Quiz;

namespace PartyProtocol.Bench.Audience;

/// <summary>
/// One audience member: joined over REST, listening on a plain WebSocket. Every event it receives is measured and
/// seq-checked (<c>audience.updated</c>, seq 0, is outside the order and left out); when a vote phase opens
/// (<c>phase.guess_started</c>, <c>phase.question_started</c>) it votes once for one of the choices the event lists,
/// after a random think time early in the phase.
/// </summary>
public sealed class AudienceMember(AudienceCrowd crowd, Uri server, string token, int seed)
{
    private readonly Random _random = new(seed);
    private readonly TaskCompletionSource<long> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TallyWatch _tally = new();
    private readonly List<Task> _votes = [];

    public Uri Server => server;

    public string Token => token;

    public SequenceCheck Sequence { get; } = new();

    public IEventConnection? Connection { get; set; }

    public bool Connected { get; set; }

    /// <summary>Completes with the seq of the game over.</summary>
    public Task<long> Finished => _finished.Task;

    public ConnectionCallbacks Callbacks => new(OnEvent, (kind, detail) => crowd.Metrics.Error(kind, detail));

    /// <summary>Completes when every vote this member started has been answered.</summary>
    public Task WhenIdleAsync()
    {
        lock (_votes)
        {
            return Task.WhenAll(_votes);
        }
    }

    private void OnEvent(ReceivedEvent received)
    {
        crowd.Metrics.EventReceived(received.At, received.Arrived, received.FrameBytes);
        if (received.Seq > 0)
        {
            Sequence.Observe(received.Seq, received.Type);
        }

        if (_tally.Observe(received) is { } seen)
        {
            crowd.TallyAtAudience.Record(seen.AfterClose);
        }

        switch (received.Type)
        {
            case BluffEvents.GuessStarted:
                Vote(received, AnswerIds(received.Data) is { Count: > 0 } answers ? new { answerId = answers[_random.Next(answers.Count)] } : null);
                break;
            case QuizEvents.QuestionStarted:
                Vote(received, ChoiceIndexes(received.Data) is { Count: > 0 } choices ? new { choice = choices[_random.Next(choices.Count)] } : null);
                break;
            case BluffEvents.GameOver:
                _finished.TrySetResult(received.Seq);
                break;
        }
    }

    private void Vote(ReceivedEvent started, object? body)
    {
        if (body is null)
        {
            crowd.Metrics.Error("no_choice", $"{started.Type} listed nothing to vote for");
            return;
        }

        var deadline = started.DataTime("deadline") ?? started.At + TimeSpan.FromSeconds(15);
        var remaining = deadline - DateTimeOffset.UtcNow;
        if (remaining <= TimeSpan.Zero)
        {
            crowd.Metrics.Error("vote_too_late", $"{started.Type} arrived after its deadline");
            return;
        }

        var think = remaining * AudienceCrowd.ThinkShare(_random.NextDouble());
        lock (_votes)
        {
            _votes.Add(crowd.VoteAsync(this, TallyWatch.OpenKey(started) ?? started.Type, think, body));
        }
    }

    private static List<string> AnswerIds(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("answers", out var answers) && answers.ValueKind == JsonValueKind.Array
            ? answers.EnumerateArray().Select(a => a.TryGetProperty("id", out var id) ? id.GetString() : null).OfType<string>().ToList()
            : [];

    private static List<int> ChoiceIndexes(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array
            ? choices.EnumerateArray().Select(c => c.TryGetProperty("index", out var index) && index.TryGetInt32(out var i) ? i : (int?)null)
                .OfType<int>().ToList()
            : [];
}
