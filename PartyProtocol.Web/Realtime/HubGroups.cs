namespace PartyProtocol.Web.Realtime;

/// <summary>
/// The SignalR groups of a session. Every connection is in <see cref="Everyone"/>; screens (anonymous and owner) are
/// also in <see cref="Screens"/>, each player's connections in their own <see cref="Player"/> group, so an event with
/// private payloads can go to each player alone and its public payload to everyone else.
/// </summary>
public static class HubGroups
{
    public static string Everyone(string code) => $"{code}:all";

    public static string Screens(string code) => $"{code}:screens";

    public static string Player(string code, string playerId) => $"{code}:p:{playerId}";
}
