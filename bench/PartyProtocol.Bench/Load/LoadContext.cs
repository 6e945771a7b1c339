using PartyProtocol.Bench.Clients;
using PartyProtocol.Bench.Measurement;

namespace PartyProtocol.Bench.Load;

/// <summary>What every game of one load run shares: settings, servers, transport and client library, REST client and metrics.</summary>
public sealed class LoadContext(BenchOptions options, IReadOnlyList<Uri> servers, Transport transport, RestClient rest, int seed, NodeClients? node = null)
{
    private long _screenEvents;
    private long _gameMilliseconds;

    public BenchOptions Options => options;

    public Transport Transport => transport;

    public IReadOnlyList<Uri> Servers => servers;

    public RestClient Rest => rest;

    public RunMetrics Metrics => rest.Metrics;

    public IPhaseClock PhaseClock { get; } = options.Game == BenchGame.Quiz ? new QuizPhaseClock() : new BluffPhaseClock(options);

    /// <summary>A real-time connection of this run's transport and client library (JavaScript when the run has Node clients).</summary>
    public IEventConnection Connect(Uri server, string code, string? token, ConnectionCallbacks callbacks) =>
        Connections.Create(transport, server, code, token, callbacks, node);

    /// <summary>Events one session's screen received per second of play, averaged over the run's games.</summary>
    public double EventsPerSessionSecond
    {
        get
        {
            var ms = Interlocked.Read(ref _gameMilliseconds);
            return ms == 0 ? 0 : Interlocked.Read(ref _screenEvents) * 1000.0 / ms;
        }
    }

    /// <summary>Mean length of a game, from play to the last client's game over.</summary>
    public TimeSpan MeanGameLength(long games) =>
        games == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Interlocked.Read(ref _gameMilliseconds) / (double)games);

    /// <summary>
    /// The instance a session's member talks to (member 0 is the owner and screen): with several instances the members
    /// of one session are spread over all of them, so events must cross instances to reach everyone.
    /// </summary>
    public Uri ServerFor(int sessionIndex, int member) => servers[(sessionIndex + member) % servers.Count];

    /// <summary>A bot's seed, the same in every run with the same --seed (HashCode is randomised per process).</summary>
    public int SeedFor(int sessionIndex, int gameIndex, int bot) =>
        unchecked((((((seed * 1_000_003) + sessionIndex) * 1_000_003) + gameIndex) * 1_000_003) + bot);

    public void GameObserved(long screenEvents, TimeSpan length)
    {
        Interlocked.Add(ref _screenEvents, screenEvents);
        Interlocked.Add(ref _gameMilliseconds, (long)length.TotalMilliseconds);
    }
}
