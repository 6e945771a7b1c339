using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Api;
using PartyProtocol.Web.Telemetry;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// A cartridge move made over an open connection — the hub's <c>Move</c> and the WebSocket's <c>move</c> message —
/// checked as REST checks it (the move's name, then its payload against the move's record) and answered with the same
/// problem REST would give. Audience votes take turns, as they do over REST
/// (<see cref="RateLimitOptions.AudienceVotesInFlight"/>, <see cref="RateLimitOptions.AudienceVotesQueued"/>; the
/// open connections share one gate), so a crowd voting at once never queues ahead of the players' moves.
/// </summary>
public sealed class RealtimeMoves(GameService games, IOptions<RateLimitOptions> limits) : IDisposable
{
    private readonly ConcurrencyLimiter _audienceVotes = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = limits.Value.AudienceVotesInFlight,
        QueueLimit = limits.Value.AudienceVotesQueued,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>Audience votes from open connections waiting for their turn.</summary>
    internal long AudienceVotesWaiting => _audienceVotes.GetStatistics()?.CurrentQueuedCount ?? 0;

    public async Task<HubReply> MakeAsync(SessionAudience caller, string move, JsonElement? payload, CancellationToken cancellationToken)
    {
        var definition = games.FindGame(caller.GameKey)?.Moves.FirstOrDefault(m => m.Name == move);
        if (definition is null)
        {
            return HubReply.Fail(ApiProblem.From(new GameError(ErrorCodes.UnknownMove, $"This game has no move called '{move}'.", ErrorKind.NotFound)));
        }

        var (bound, invalid) = JsonBodies.BindPayload(definition, payload);
        if (invalid is not null)
        {
            return HubReply.Fail(invalid);
        }

        if (caller.Viewer.Kind != ViewerKind.Audience)
        {
            return HubReply.From(await games.MoveAsync(caller.Code, caller.Token, move, bound, cancellationToken));
        }

        using var turn = await _audienceVotes.AcquireAsync(1, cancellationToken);
        if (!turn.IsAcquired)
        {
            PartyTelemetry.RateLimitRefusals.Add(1, new KeyValuePair<string, object?>("policy", ApiRateLimiting.MovePolicy));
            return HubReply.Fail(ApiProblem.Create(StatusCodes.Status429TooManyRequests, ApiErrorCodes.RateLimited,
                "Too many votes are waiting to be counted; try again in 1 s."));
        }

        return HubReply.From(await games.MoveAsync(caller.Code, caller.Token, move, bound, cancellationToken));
    }

    public void Dispose() => _audienceVotes.Dispose();
}
