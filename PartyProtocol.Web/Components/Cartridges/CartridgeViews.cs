using Microsoft.AspNetCore.Components;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Components.Cartridges;

/// <summary>Makes a move of the session's cartridge as the screen's own caller (owner or player).</summary>
/// <param name="move">The move's name, e.g. <c>submit_lie</c>.</param>
/// <param name="payload">The move's payload record, or null for a move without one.</param>
public delegate Task<Result<MoveReply>> CartridgeMove(string move, object? payload);

/// <summary>
/// A cartridge's big-screen view. The host page draws the platform parts (lobby, owner controls, pause, end) and
/// renders this for a running or finished game.
/// </summary>
public abstract class CartridgeHostView : ComponentBase
{
    /// <summary>The host's view of the session; the cartridge's own view is under <see cref="SessionView.State"/>.</summary>
    [Parameter, EditorRequired]
    public SessionView View { get; set; } = default!;

    /// <summary>Makes an owner move; null when this screen only watches (it does not hold the owner token).</summary>
    [Parameter]
    public CartridgeMove? OwnerMove { get; set; }
}

/// <summary>A cartridge's phone view, rendered by the player page for a running or finished game.</summary>
public abstract class CartridgePlayerView : ComponentBase
{
    /// <summary>This player's view of the session, with their secrets.</summary>
    [Parameter, EditorRequired]
    public SessionView View { get; set; } = default!;

    /// <summary>Makes a move as this player.</summary>
    [Parameter, EditorRequired]
    public CartridgeMove Move { get; set; } = default!;
}

/// <summary>The two views one cartridge brings.</summary>
public sealed record CartridgeViewSet(string GameKey, Type HostView, Type PlayerView);

/// <summary>Finds a cartridge's views by game key; the pages pick them with <c>DynamicComponent</c>.</summary>
public interface ICartridgeViews
{
    CartridgeViewSet? Find(string gameKey);
}

/// <summary>The registered <see cref="CartridgeViewSet"/>s.</summary>
public sealed class CartridgeViewRegistry : ICartridgeViews
{
    private readonly Dictionary<string, CartridgeViewSet> _sets = new(StringComparer.Ordinal);

    public CartridgeViewRegistry(IEnumerable<CartridgeViewSet> sets)
    {
        foreach (var set in sets)
        {
            if (!typeof(CartridgeHostView).IsAssignableFrom(set.HostView) || !typeof(CartridgePlayerView).IsAssignableFrom(set.PlayerView))
            {
                throw new InvalidOperationException(
                    $"The views of '{set.GameKey}' must derive from {nameof(CartridgeHostView)} and {nameof(CartridgePlayerView)}.");
            }

            if (!_sets.TryAdd(set.GameKey, set))
            {
                throw new InvalidOperationException($"Two view sets are registered for the game '{set.GameKey}'.");
            }
        }
    }

    public CartridgeViewSet? Find(string gameKey) => _sets.GetValueOrDefault(gameKey);
}
