using System.Text.Json;
using PartyProtocol.Bench;
using PartyProtocol.Bench.Audience;
using PartyProtocol.Bench.Load;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Bench.Reporting;

namespace PartyProtocol.Tests.Bench;

/// <summary>The bookkeeping the benchmark's verdicts rest on: seq gaps and repeats, and which transitions a deadline caused.</summary>
public sealed class BenchMeasurementTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AGapInSeqCountsTheMissingEventsAsLost()
    {
        var check = new SequenceCheck();
        foreach (var seq in new long[] { 5, 6, 9, 10 })
        {
            check.Observe(seq);
        }

        Assert.Equal((2L, 0L, 0L), check.Verdict(5, 10));
    }

    [Fact]
    public void MissingTheFirstOrLastEventsCountsAsLost()
    {
        var check = new SequenceCheck();
        check.Observe(7);
        check.Observe(8);

        Assert.Equal((4L, 0L, 0L), check.Verdict(5, 10));
    }

    [Fact]
    public void ARepeatedSeqCountsAsDuplicated()
    {
        var check = new SequenceCheck();
        foreach (var seq in new long[] { 1, 2, 2, 3, 1 })
        {
            check.Observe(seq, "phase.x");
        }

        Assert.Equal((0L, 2L, 0L), check.Verdict(1, 3));
        Assert.Contains("seq 2 (phase.x) arrived again", check.Notes);
    }

    [Fact]
    public void AnEventArrivingAfterALaterOneIsOutOfOrderNotLost()
    {
        var check = new SequenceCheck();
        foreach (var seq in new long[] { 1, 2, 4, 3, 5 })
        {
            check.Observe(seq, "phase.x");
        }

        Assert.Equal((0L, 0L, 1L), check.Verdict(1, 5));
        Assert.Equal(["seq 3 (phase.x) arrived after seq 4"], check.Notes);
    }

    [Fact]
    public void AConnectionThatSawNothingLostEverything()
    {
        Assert.Equal((6L, 0L, 0L), new SequenceCheck().Verdict(5, 10));
    }

    [Fact]
    public void OnlyTransitionsStampedAtOrAfterTheArmedDeadlineCountAsDeadlineCaused()
    {
        var watcher = new DeadlineWatcher(new BluffPhaseClock(new BenchOptions { RevealStepSeconds = 1, ScoreboardSeconds = 2 }));
        var lieDeadline = T0.AddSeconds(6);

        Assert.Null(watcher.Observe(Event("phase.lie_started", 1, T0, new { deadline = lieDeadline })));
        Assert.Null(watcher.Observe(Event("phase.question_shown", 2, T0)));
        // Everyone lied early: the guess phase started before the deadline.
        Assert.Null(watcher.Observe(Event("phase.guess_started", 3, T0.AddSeconds(3), new { deadline = T0.AddSeconds(8) })));
        // The guess phase ran out: scores_calculated is the transition, the reveal step in the same batch is not another.
        Assert.Equal(T0.AddSeconds(8), watcher.Observe(Event("phase.scores_calculated", 4, T0.AddSeconds(8.002))));
        Assert.Null(watcher.Observe(Event("reveal.step", 5, T0.AddSeconds(8.002))));
        Assert.Equal(T0.AddSeconds(9.002), watcher.Observe(Event("phase.scoreboard", 6, T0.AddSeconds(9.01))));
        Assert.Equal(T0.AddSeconds(11.01), watcher.Observe(Event("phase.game_over", 7, T0.AddSeconds(11.02))));
    }

    [Fact]
    public void ATransitionIsRecordedWhenTheLastConnectionOfTheSessionHasIt()
    {
        var recorder = new LatencyRecorder();
        var tracker = new TransitionTracker(3, recorder);
        var deadline = T0;

        tracker.Arrived(10, deadline, T0.AddMilliseconds(4));
        tracker.Arrived(10, deadline, T0.AddMilliseconds(30));
        Assert.Equal(0, recorder.Count);
        Assert.Equal(1, tracker.Incomplete);

        tracker.Arrived(10, deadline, T0.AddMilliseconds(12));
        Assert.Equal(0, tracker.Incomplete);
        var summary = recorder.Summarize();
        Assert.Equal(1, summary.Count);
        Assert.InRange(summary.Max, 29.9, 30.1);
    }

    [Fact]
    public void OptionsParseDurationsUnitsTransportsAndClients()
    {
        var options = BenchOptions.Parse(["--sessions", "10", "--players", "4", "--transport", "websocket", "--duration", "2m", "--ramp", "1.5s",
            "--url", "http://127.0.0.1:5141"]);

        Assert.Equal(10, options.Sessions);
        Assert.Equal(5, options.ConnectionsPerSession);
        Assert.Equal([Transport.WebSocket], options.Transports);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Duration);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.Ramp);
        Assert.Equal(new Uri("http://127.0.0.1:5141/"), Assert.Single(options.Urls));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--players", "40"]));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--transport", "carrier-pigeon"]));
        Assert.Equal(ClientLibrary.DotNet, options.Clients);
        Assert.Equal(ClientLibrary.JavaScript, BenchOptions.Parse(["--clients", "js"]).Clients);
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--clients", "cobol"]));
    }

    [Fact]
    public void TheHubIsJudgedAgainstTheWebSocketOfTheSameRunAndOnTheMediansOfRepeatedRuns()
    {
        var options = new BenchOptions();
        var runs = new[] { ("signalr js #1", 12.0), ("websocket js #1", 10.0), ("signalr js #2", 30.0), ("websocket js #2", 10.0),
            ("signalr js #3", 11.0), ("websocket js #3", 9.0) }
            .Select(r => RunWithP99(r.Item1, r.Item2, options))
            .ToList();

        var checks = Targets.Evaluate(runs).Where(c => c.Target.Contains("the WebSocket's", StringComparison.Ordinal)).ToList();

        Assert.Equal(["signalr js #1", "signalr js #2", "signalr js #3", "signalr js (median)"], checks.Select(c => c.Run));
        Assert.Equal([true, false, true, true], checks.Select(c => c.Met));
        Assert.Equal(12.0, Targets.MedianP99s(runs)["signalr js"], 1);
        Assert.Equal(10.0, Targets.MedianP99s(runs)["websocket js"], 1);
    }

    [Fact]
    public void TheTallyOnTheTvIsTimedFromThePhaseClosingToTheClosedVoteWhicheverArrivesFirst()
    {
        var watch = new TallyWatch();
        var open = new { vote = new { key = "guess-1", open = true, counts = new { }, total = 3 } };
        var closed = new { vote = new { key = "guess-1", open = false, counts = new { }, total = 4 } };

        Assert.Null(watch.Observe(Event(TallyWatch.AudienceUpdated, 0, T0, open)));
        Assert.Null(watch.Observe(Event("phase.scores_calculated", 12, T0.AddSeconds(1), new { round = 1 })));
        var seen = watch.Observe(Event(TallyWatch.AudienceUpdated, 0, T0.AddMilliseconds(1200), closed));
        Assert.Equal(new TallySeen("guess-1", TimeSpan.FromMilliseconds(201), 4), seen);
        // A later copy of the same final tally is not a second sample.
        Assert.Null(watch.Observe(Event(TallyWatch.AudienceUpdated, 0, T0.AddMilliseconds(1500), closed)));

        // Quiz: the closed vote may arrive before the results on a connection; the pair is still timed from the close.
        var quiz = new TallyWatch();
        Assert.Null(quiz.Observe(Event(TallyWatch.AudienceUpdated, 0, T0.AddSeconds(2),
            new { vote = new { key = "question-3", open = false, counts = new { }, total = 7 } })));
        Assert.Equal(new TallySeen("question-3", TimeSpan.FromMilliseconds(1), 7),
            quiz.Observe(Event("phase.question_results", 20, T0.AddSeconds(2), new { number = 3 })));
    }

    [Fact]
    public void AudienceUpdatedIsLeftOutOfTheSeqCheckOfEveryConnection()
    {
        var metrics = new RunMetrics();
        var session = new ClientSession(metrics, new TransitionTracker(1, metrics.DeadlineToLastClient), new BluffPhaseClock(new BenchOptions()),
            "phase.game_over", null);
        foreach (var (type, seq) in new[] { ("audience.updated", 0L), ("phase.lie_started", 1L), ("audience.updated", 0L), ("phase.game_over", 2L) })
        {
            session.Callbacks.OnEvent(Event(type, seq, T0));
        }

        Assert.Equal((0L, 0L, 0L), session.Sequence.Verdict(1, 2));
        Assert.Equal(4, session.Events);
    }

    [Fact]
    public void TheAudienceModeIsParsedAndKeptApartFromThePhones()
    {
        Assert.Equal(10_000, BenchOptions.Parse(["--audience", "10000", "--game", "quiz"]).Audience);
        Assert.Null(new BenchOptions().Audience);
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--audience", "0"]));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--audience", "20", "--phones", "3"]));
        // Votes go on the members' sockets unless asked otherwise, as the audience page sends them.
        Assert.False(BenchOptions.Parse(["--audience", "20"]).AudienceVotesOverRest);
        Assert.True(BenchOptions.Parse(["--audience", "20", "--audience-votes", "rest"]).AudienceVotesOverRest);
        Assert.False(BenchOptions.Parse(["--audience", "20", "--audience-votes", "SOCKET"]).AudienceVotesOverRest);
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--audience", "20", "--audience-votes", "carrier-pigeon"]));
    }

    // Every event of the run took the given time, so that is its p99.
    private static RunReport RunWithP99(string name, double milliseconds, BenchOptions options)
    {
        var metrics = new RunMetrics();
        for (var i = 0; i < 100; i++)
        {
            metrics.EventReceived(T0, T0.AddMilliseconds(milliseconds), 0);
        }

        return RunReport.From(name, 1, options, metrics, TimeSpan.FromSeconds(1), null, null, []);
    }

    private static ReceivedEvent Event(string type, long seq, DateTimeOffset at, object? data = null) =>
        new(type, "ABCD", seq, at, JsonSerializer.SerializeToElement(data ?? new { }), at.AddMilliseconds(1), 0);
}
