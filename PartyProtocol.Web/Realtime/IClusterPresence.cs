namespace PartyProtocol.Web.Realtime;

/// <summary>
/// Presence across instances (multi-instance mode): each instance reports how many connections a player has on it,
/// and learns whether the player has a connection on any live instance.
/// </summary>
public interface IClusterPresence
{
    /// <summary>Records this instance's count for the player; true if any live instance holds a connection of theirs.</summary>
    Task<bool> ReportAsync(string code, string playerId, int localConnections);
}
