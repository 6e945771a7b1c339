using System.Collections.Concurrent;
using PartyProtocol.Core.Events;
using PartyProtocol.Web.Audience;

namespace PartyProtocol.Tests.Web.Audience;

/// <summary>
/// The audience's fan-out: one bus subscription per session however many members listen, events handed to each member
/// in order on the audience's own threads, never on the publisher's.
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
    public async Task EachMemberGetsWhatWasPublishedAfterItJoinedInOrderOnTheAudiencesThreadNotThePublishers()
    {
        var bus = new GameEventBus();
        using var fanout = new AudienceFanout(bus, 1);
        var ann = new Received();
        var ben = new Received();
        using var annJoined = fanout.Subscribe("ABCD", ann.Add);

        // The audience's thread is held: the publisher does not wait for it, and nobody has anything yet.
        using var release = new ManualResetEventSlim();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = Task.Run(async () =>
        {
            await fanout.SwitchTo();
            holding.SetResult();
            release.Wait(Wait);
        });
        await holding.Task;
        for (var seq = 1; seq <= 3; seq++)
        {
            bus.Publish(Event(seq));
        }

        Assert.Empty(ann.Seqs);

        // Ben joins with three events still queued for the audience: they were published before him, so not his.
        using var benJoined = fanout.Subscribe("ABCD", ben.Add);
        for (var seq = 4; seq <= 100; seq++)
        {
            bus.Publish(Event(seq));
        }

        release.Set();
        await held;
        await ann.WaitForAsync(100);
        await ben.WaitForAsync(97);

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), ann.Seqs);
        Assert.Equal(Enumerable.Range(4, 97).Select(i => (long)i), ben.Seqs);
        Assert.All(ann.Threads.Concat(ben.Threads), name => Assert.Equal("audience-send-1", name));
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
        private readonly List<string?> _threads = [];
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

        public IReadOnlyList<string?> Threads
        {
            get
            {
                lock (_gate)
                {
                    return [.. _threads];
                }
            }
        }

        public void Add(GameEvent gameEvent)
        {
            TaskCompletionSource changed;
            lock (_gate)
            {
                _seqs.Add(gameEvent.Seq);
                _threads.Add(Thread.CurrentThread.Name);
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
