using System.Collections.Concurrent;
using System.Diagnostics;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Tests.Web.Realtime;
using PartyProtocol.Tests.Web.Scaleout;
using PartyProtocol.Web.Telemetry;

namespace PartyProtocol.Tests.Web.Telemetry;

/// <summary>
/// A move is one trace: the HTTP request on one instance, its store commit there, and the delivery of its event on
/// another instance, which the traceparent carried through Redis.
/// </summary>
[Collection(ScaleoutCollection.Name)]
public sealed class TraceTests : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;
    private readonly string _prefix = ScaleoutInstance.NewKeyPrefix();
    private ScaleoutInstance _a = default!;
    private ScaleoutInstance _b = default!;

    public TraceTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is PartyTelemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Task InitializeAsync()
    {
        _a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, _prefix);
        _b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, _prefix);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task AMoveOverHttpOnOneInstanceIsOneTraceThroughTheStoreAndRedisToTheOther()
    {
        using var api = new ApiTestClient(_a.App);
        var game = await api.CreateGameAsync(null, "Ann", "Bob");
        await _b.WaitForEventAsync(game.Code, e => e.Type == "player.joined" && e.Seq == 3, what: "B to hear of the joins");

        var started = await game.OwnerOkAsync("play");
        await _b.WaitForEventAsync(game.Code, e => e.Seq == started, what: "B to deliver the start");

        Activity Span(Func<Activity, bool> match, string what)
        {
            var found = _spans.Where(s => Equals(s.GetTagItem("partyprotocol.room_code"), game.Code)).FirstOrDefault(match);
            Assert.True(found is not null, $"No span for {what}. Spans of {game.Code}: " +
                string.Join(", ", _spans.Where(s => Equals(s.GetTagItem("partyprotocol.room_code"), game.Code)).Select(s => s.DisplayName)));
            return found!;
        }

        // ASP.NET Core's request span, tagged with the room, is the one whose move published session.started.
        bool IsPlayRequest(Activity s) => s.Source.Name == "Microsoft.AspNetCore" && s.GetTagItem("partyprotocol.room_code") as string == game.Code
            && s.Events.Any(e => e.Name == "event session.started");
        await Eventually.TrueAsync(() => _spans.Any(IsPlayRequest), "the request's span to end");
        var request = _spans.Single(IsPlayRequest);
        var commit = Span(s => s.DisplayName == "session.commit" && s.TraceId == request.TraceId, "the commit of play");
        Assert.Equal(request.SpanId, commit.ParentSpanId);
        Assert.Equal("redis", commit.GetTagItem("partyprotocol.store"));

        // On instance B: the bridged events of that move, delivered within the same trace.
        await Eventually.TrueAsync(() => _spans.Any(s => s.DisplayName == "event receive" && s.TraceId == request.TraceId
            && Equals(s.GetTagItem("partyprotocol.event.type"), "session.started")), "B's delivery span of session.started");
        var received = Span(s => s.DisplayName == "event receive" && s.TraceId == request.TraceId, "B's receive");
        Assert.Equal(ActivityKind.Consumer, received.Kind);
        Assert.Equal(request.SpanId, received.ParentSpanId);
    }
}
