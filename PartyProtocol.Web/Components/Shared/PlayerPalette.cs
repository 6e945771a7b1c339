namespace PartyProtocol.Web.Components.Shared;

/// <summary>
/// Gives each seat its own colour by join order, so no two players in a room share one; the pages cascade it to every
/// <see cref="PlayerAvatar"/>.
/// </summary>
public sealed class PlayerPalette
{
    private static readonly string[] Colours =
    [
        "#60a5fa", "#f472b6", "#4ade80", "#facc15", "#a78bfa", "#fb923c",
        "#22d3ee", "#f87171", "#a3e635", "#e879f9", "#2dd4bf", "#fdba74",
    ];

    private readonly Dictionary<string, int> _seats;

    public PlayerPalette(IEnumerable<string> playerIdsInJoinOrder)
    {
        _seats = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in playerIdsInJoinOrder)
        {
            _seats.TryAdd(id, _seats.Count);
        }
    }

    /// <summary>The same seats in the same order (no need to re-render the avatars).</summary>
    public bool SameSeats(IEnumerable<string> playerIdsInJoinOrder) => playerIdsInJoinOrder.SequenceEqual(_seats.Keys);

    /// <summary>The player's colour, or null for someone not seated here.</summary>
    public string? ColourOf(string playerId) =>
        _seats.TryGetValue(playerId, out var seat) ? Colours[seat % Colours.Length] : null;
}
