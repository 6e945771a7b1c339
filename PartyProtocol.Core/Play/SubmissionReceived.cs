using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;

namespace PartyProtocol.Core.Play;

/// <summary>
/// submission.received: a player acted in a phase that waits for everyone (a lie, a guess, an answer). Says who,
/// never what, so the big screen can show who is still thinking.
/// </summary>
/// <param name="Phase">The phase the submission belongs to.</param>
/// <param name="PlayerId">Who just acted.</param>
/// <param name="Submitted">Everyone who has acted in this phase so far (player ids, in seat order).</param>
/// <param name="Count">How many have.</param>
/// <param name="Total">Seated players.</param>
public sealed record SubmissionReceived(string Phase, string PlayerId, string Name, IReadOnlyList<string> Submitted, int Count, int Total)
    : IEventData
{
    public static string EventType => "submission.received";

    /// <summary>The event after <paramref name="playerId"/> acted, given everyone who has acted so far.</summary>
    public static SubmissionReceived For(string phase, string playerId, IReadOnlyList<PlayerInfo> players, IEnumerable<string> acted)
    {
        var ids = acted.ToHashSet(StringComparer.Ordinal);
        var submitted = players.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToList();
        return new SubmissionReceived(phase, playerId, players.FirstOrDefault(p => p.Id == playerId)?.Name ?? "?", submitted,
            submitted.Count, players.Count);
    }
}
