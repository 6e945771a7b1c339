using System.Collections.Concurrent;
using PartyProtocol.Core.Events;
using PartyProtocol.Web.Audience;

namespace PartyProtocol.Tests.Web.Audience;

/// <summary>
/// The audience's fan-out: one bus subscription per session however many members listen, events handed to each member
/// in order and never on the publisher's thread, and the members' sends on the audience's own threads.
/// </summary>
public sealed class AudienceFanoutTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public void ASessionsMembersShareOneBusSubscriptionThatEndsWithTheLastOfThem()
    {
        var bus = new GameEventBus();
        using var fanout = new AudienceFanout(bus, 1);

        var members = Enumerable.Range(0, 50).Select(_ => fanout.Subscribe("ABCD", _ => { })).ToList();
        using var elsewhere = fanout.Subscribe("WXYZ", _ => { });
        Assert.Equal(1, bus.SubscriptionCount("ABCD"));
        Assert.Equal(1, bus.SubscriptionCount("WXYZ"));

        members.ForEach(m => m.Dispose());
        Assert.Equal(0, bus.SubscriptionCount("ABCD"));
        Assert.Equal(1, bus.SubscriptionCount("WXYZ"));

        using var again = fanout.Subscribe("ABCD", _ => { });
        Assert.Equal(1, bus.SubscriptionCount("ABCD"));
    }

    [Fact]
    public async Task EachMemberGetsWhatWasPublishedAfterItJoinedInOrderAndThePublisherNeverWaitsForThem()
    {
        var bus = new GameEventBus();
        using var fanout = new AudienceFanout(bus, 1);
        using var release = new ManualResetEventSlim();
        var firstHandedOver = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ann = new Received();
        var ben = new Received();
        // Ann's first event holds the hand-off: what is published meanwhile waits for it, the publisher does not.
        using var annJoined = fanout.Subscribe("ABCD", e =>
        {
            if (e.Seq == 1)
            {
                firstHandedOver.SetResult();
                release.Wait(Wait);
            }

            ann.Add(e);
        });

        bus.Publish(Event(1));
        await firstHandedOver.Task;
        bus.Publish(Event(2));
        bus.Publish(Event(3));
        Assert.Empty(ann.Seqs);

        // Ben joins with two events still queued for the audience: they were published before him, so not his.
        using var benJoined = fanout.Subscribe("ABCD", ben.Add);
        for (var seq = 4; seq <= 100; seq++)
        {
            bus.Publish(Event(seq));
        }

        release.Set();
        await ann.WaitForAsync(100);
        await ben.WaitForAsync(97);

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), ann.Seqs);
        Assert.Equal(Enumerable.Range(4, 97).Select(i => (long)i), ben.Seqs);
    }

    [Fact]
    public async Task AMembersSendsRunOnTheAudiencesOwnThread()
    {
        var bus = new GameEventBus();
        using var fanout = new AudienceFanout(bus, 1);
        string? sentOn = null;

        await Task.Run(async () =>
        {
            await fanout.SwitchTo();
            await Task.Yield();
            sentOn = Thread.CurrentThread.Name;
        });

        Assert.Equal("audience-send-1", sentOn);
    }

    [Fact]
    public async Task AMemberThatThrowsIsReportedAndTheOthersStillGetEveryEvent()
    {
        var bus = new GameEventBus();
        var errors = new ConcurrentQueue<(Exception Error, GameEvent Event)>();
        bus.OnHandlerError = (ex, e) => errors.Enqueue((ex, e));
        using var fanout = new AudienceFanout(bus, 1);
        var ben = new Received();
        using var broken = fanout.Subscribe("ABCD", e => throw new InvalidOperationException($"member fault at {e.Seq}"));
        using var benJoined = fanout.Subscribe("ABCD", ben.Add);

        bus.Publish(Event(1));
        bus.Publish(Event(2));
        await ben.WaitForAsync(2);

        Assert.Equal([1L, 2L], ben.Seqs);
        Assert.Equal([1L, 2L], errors.Select(e => e.Event.Seq));
        Assert.All(errors, e => Assert.IsType<InvalidOperationException>(e.Error));
    }

    private static GameEvent Event(long seq) => new("test.event", "ABCD", seq, DateTimeOffset.UtcNow, new { seq });

    private sealed class Received
    {
        private readonly Lock _gate = new();
        private readonly List<long> _seqs = [];
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<long> Seqs
        {
            get
            {
                lock (_gate)
                {
                    return [.. _seqs];
                }
            }
        }

        public void Add(GameEvent gameEvent)
        {
            TaskCompletionSource changed;
            lock (_gate)
            {
                _seqs.Add(gameEvent.Seq);
                changed = _changed;
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.SetResult();
        }

        public async Task WaitForAsync(int count)
        {
            using var timeout = new CancellationTokenSource(Wait);
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (_seqs.Count >= count)
                    {
                        return;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(timeout.Token);
            }
        }
    }
}
