using Microsoft.Extensions.Time.Testing;
using PartyProtocol.Core.Events;
using PartyProtocol.Web.Scaleout;

namespace PartyProtocol.Tests.Web.Scaleout;

public sealed class EventSequencerTests
{
    private static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 20, 0, 0, TimeSpan.Zero));
    private readonly List<GameEvent> _delivered = [];
    private readonly EventSequencer _sequencer;

    public EventSequencerTests()
    {
        _sequencer = new EventSequencer(_delivered.Add, _time, GapTimeout);
    }

    [Fact]
    public void EventsInOrderAreDeliveredAtOnce()
    {
        Accept(1, 2, 3);
        Assert.Equal([1, 2, 3], Seqs());
    }

    [Fact]
    public void AnEventThatOvertookItsPredecessorWaitsForIt()
    {
        Accept(1, 2, 4, 5);
        Assert.Equal([1, 2], Seqs());

        Accept(3);
        Assert.Equal([1, 2, 3, 4, 5], Seqs());
        Assert.Empty(_sequencer.OverdueGaps());
    }

    [Fact]
    public void AnEventSeenBeforeIsDroppedWhetherDeliveredOrStillHeld()
    {
        Accept(1, 2, 2, 4, 4, 1);
        Accept(3);
        Assert.Equal([1, 2, 3, 4], Seqs());
        Assert.Equal(3, _sequencer.Dropped);
    }

    [Fact]
    public void AGapThatDoesNotFillInTimeEndsInAResyncWithTheStoreSeq()
    {
        Accept(1, 2, 4, 5);
        _time.Advance(GapTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Empty(_sequencer.OverdueGaps());
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["ABCD"], _sequencer.OverdueGaps());

        // The store is at 6 already: 4 and 5 are superseded by the resync; 3 (lost) and 4 and 5 are never shown.
        _sequencer.CloseGap("ABCD", 6);
        Assert.Equal([1, 2, 6], Seqs());
        var resync = _delivered[^1];
        Assert.Equal(EventTypes.SessionResync, resync.Type);
        Assert.Null(resync.Origin);

        Accept(3, 6, 7);
        Assert.Equal([1, 2, 6, 7], Seqs());
    }

    [Fact]
    public void ProgressRestartsTheGapClock()
    {
        Accept(1, 3, 5);
        _time.Advance(TimeSpan.FromMilliseconds(900));
        Accept(2);
        Assert.Equal([1, 2, 3], Seqs());
        _time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Empty(_sequencer.OverdueGaps());
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Single(_sequencer.OverdueGaps());
    }

    [Fact]
    public void WhenTheSessionIsGoneWhatIsHeldIsDeliveredInOrder()
    {
        Accept(1, 3, 5);
        _time.Advance(GapTimeout);
        _sequencer.CloseGap("ABCD", null);
        Assert.Equal([1, 3, 5], Seqs());
        Assert.Equal(0, _sequencer.Resyncs);
    }

    [Fact]
    public void SessionCreatedArrivingAfterALaterEventIsStillDeliveredFirst()
    {
        Accept(2, 1, 3);
        Assert.Equal([1, 2, 3], Seqs());
    }

    [Fact]
    public void ALaterSessionCreatedStartsAFreshSessionUnderAReusedCode()
    {
        Accept(1, 2, 3, 4);
        _sequencer.Accept(Event(1, at: T0.AddHours(3)));
        _sequencer.Accept(Event(2, at: T0.AddHours(3)));
        Assert.Equal([1, 2, 3, 4, 1, 2], Seqs());
    }

    [Fact]
    public void AnInstanceThatStartedDuringASessionResyncsItAtTheFirstEventItHears()
    {
        Accept(7, 8, 10);
        Assert.Empty(Seqs());

        _time.Advance(GapTimeout);
        Assert.Equal(["ABCD"], _sequencer.OverdueGaps());
        _sequencer.CloseGap("ABCD", 10);
        Assert.Equal([10], Seqs());
        Assert.Equal(EventTypes.SessionResync, _delivered.Single().Type);
    }

    [Fact]
    public void CatchingUpAfterAReconnectResyncsOnlySessionsTheStoreMovedPast()
    {
        Accept(1, 2);
        _sequencer.Accept(Event(1, "WXYZ"));

        _sequencer.CatchUp("WXYZ", 1);
        _sequencer.CatchUp("ABCD", 4);
        _time.Advance(GapTimeout);
        Assert.Equal(["ABCD"], _sequencer.OverdueGaps());
        _sequencer.CloseGap("ABCD", 4);

        Assert.Equal(EventTypes.SessionResync, _delivered[^1].Type);
        Assert.Equal(("ABCD", 4L), (_delivered[^1].Code, _delivered[^1].Seq));
        Assert.Equal("reconnect", ((SessionResync)_delivered[^1].Data).Reason);
        Assert.Equal(1, _sequencer.Resyncs);
        Assert.Equal([("ABCD", 4L), ("WXYZ", 1L)], _sequencer.Positions().OrderBy(p => p.Code));
    }

    [Fact]
    public void EventsStillOnTheirWayWhenCatchingUpAreDeliveredInsteadOfAResync()
    {
        // Redis answered again a moment before the events committed meanwhile reached this instance.
        Accept(1, 2);
        _sequencer.CatchUp("ABCD", 4);
        Accept(4, 3);
        _time.Advance(GapTimeout);

        Assert.Empty(_sequencer.OverdueGaps());
        Assert.Equal([1, 2, 3, 4], Seqs());
        Assert.Equal(0, _sequencer.Resyncs);
    }

    [Fact]
    public void QuietSessionsAreForgottenButHeldEventsKeepTheirs()
    {
        Accept(1, 2);
        _sequencer.Accept(Event(1, "WXYZ"));
        _sequencer.Accept(Event(3, "WXYZ"));
        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(1, _sequencer.Evict(TimeSpan.FromMinutes(10)));
        Assert.Equal(["WXYZ"], _sequencer.Positions().Select(p => p.Code));
    }

    private void Accept(params long[] seqs)
    {
        foreach (var seq in seqs)
        {
            _sequencer.Accept(Event(seq));
        }
    }

    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 19, 0, 0, TimeSpan.Zero);

    private static GameEvent Event(long seq, string code = "ABCD", DateTimeOffset? at = null) =>
        new("test.event", code, seq, at ?? T0.AddMilliseconds(seq), new { n = seq }) { Origin = "other" };

    private long[] Seqs() => _delivered.Where(e => e.Code == "ABCD").Select(e => e.Seq).ToArray();
}
