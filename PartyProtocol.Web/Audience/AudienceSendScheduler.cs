using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Web.Audience;

/// <summary>
/// Where the audience's connections send their frames: threads of their own, not the thread pool. One event to 10,000
/// audience sockets is 10,000 sends; on the pool they queued ahead of everything that came after them, a player's move
/// among it. Here they take turns on their own threads while the pool stays free for the players, the screens and
/// Kestrel's I/O.
/// </summary>
internal sealed class AudienceSendScheduler(int threads) : IDisposable
{
    private readonly DedicatedThreadScheduler _threads = new("audience-send", threads);

    /// <summary>How many threads send for the audience: half the cores, at least one (the rest are the players').</summary>
    public static int DefaultThreads => Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Moves a connection's send loop to the audience's threads: it and every later await of it run there.</summary>
    public DedicatedThreadScheduler.SwitchAwaitable SwitchTo() => _threads.SwitchTo();

    public void Dispose() => _threads.Dispose();
}
