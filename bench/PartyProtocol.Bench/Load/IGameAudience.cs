using PartyProtocol.Bench.Measurement;

namespace PartyProtocol.Bench.Load;

/// <summary>An audience that comes along with one <see cref="BotGame"/> (the <c>--audience</c> mode).</summary>
public interface IGameAudience
{
    /// <summary>Joins and connects, after the players connected and before play; false when the game cannot go on.</summary>
    Task<bool> ArriveAsync(Uri ownerServer, string code, string ownerToken, CancellationToken cancellationToken);

    /// <summary>Every event the session's screen (the TV) receives, after it is measured.</summary>
    void OnScreenEvent(ReceivedEvent received);

    /// <summary>After the players' game over: waits (bounded) for the audience's, checks its seq streams over the same range.</summary>
    Task<bool> SettleAsync(long firstSeq, long lastSeq, CancellationToken cancellationToken);

    /// <summary>Closes every audience connection (before the session is closed, so no close is a surprise).</summary>
    Task CloseAsync();
}
