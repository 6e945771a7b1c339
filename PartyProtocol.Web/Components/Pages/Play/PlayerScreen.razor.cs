using Microsoft.AspNetCore.Components;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Components.Browser;
using PartyProtocol.Web.Components.Cartridges;
using PartyProtocol.Web.Localization;
using PartyProtocol.Web.Telemetry;

namespace PartyProtocol.Web.Components.Pages.Play;

/// <summary>
/// A player's phone for one room. On load it takes the seat again with the token kept in browser storage (so a reload
/// or a phone waking up carries on as the same player), counts as connected while the page is open, and renders the
/// lobby or the cartridge's player view.
/// </summary>
public partial class PlayerScreen
{
    private bool _ready;
    private bool _busy;
    private bool _left;
    private string? _token;
    private string? _playerId;
    private string? _name;
    private GameError? _seatError;
    private IDisposable? _presence;
    private CartridgeMove? _move;

    [Inject]
    private ISessionTokenStore Tokens { get; set; } = default!;

    [Inject]
    private ICartridgeViews CartridgeViews { get; set; } = default!;

    [Inject]
    private CircuitPresence Presence { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override bool CanReadView => _token is not null;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        var token = await Tokens.GetAsync(SessionTokenKind.Player, RoomCode);
        if (token is null)
        {
            Navigation.NavigateTo($"/join?code={Uri.EscapeDataString(RoomCode)}", replace: true);
            return;
        }

        var seat = await Games.JoinAsync(RoomCode, null, token, PageClosed);
        if (!seat.IsSuccess)
        {
            if (seat.Error.Code is ErrorCodes.Unavailable or ErrorCodes.Busy)
            {
                _seatError = seat.Error;
                return;
            }

            await Tokens.ForgetAsync(SessionTokenKind.Player, RoomCode);
            if (seat.Error.Code is ErrorCodes.Kicked or ErrorCodes.SessionNotFound)
            {
                _seatError = seat.Error;
            }
            else
            {
                // The token no longer holds a seat here (the player left, or the room was recreated): join afresh.
                Navigation.NavigateTo($"/join?code={Uri.EscapeDataString(RoomCode)}", replace: true);
            }

            return;
        }

        _token = token;
        _playerId = seat.Value.PlayerId;
        _name = seat.Value.Name;
        _move = MoveAsync;
        _presence = Presence.Attach(RoomCode, _playerId);
        await RefreshAsync();
        _ready = true;
    }

    protected override Task<Result<SessionView>> ReadViewAsync(CancellationToken cancellationToken) =>
        Games.GetViewAsync(RoomCode, _token, cancellationToken);

    protected override void OnViewRead()
    {
        if (View?.MovedTo is { } movedTo && _token is not null)
        {
            // Play again with the same players: the same token holds this player's seat in the new room.
            _ = FollowAsync(movedTo, _token);
            return;
        }

        if (ViewError?.Code is ErrorCodes.Kicked or ErrorCodes.SessionNotFound)
        {
            // The seat is gone for good: drop the token so the next visit starts at the join form.
            _presence?.Dispose();
            _presence = null;
            _ = Tokens.ForgetAsync(SessionTokenKind.Player, RoomCode).AsTask();
        }
    }

    private async Task FollowAsync(string movedTo, string token)
    {
        await Tokens.SaveAsync(SessionTokenKind.Player, movedTo, token);
        // A full load: the page starts afresh for the new room (its own subscription, presence and view).
        Navigation.NavigateTo($"/play/{movedTo}", forceLoad: true);
    }

    private Dictionary<string, object?> PlayerViewParameters(SessionView view) => new()
    {
        [nameof(CartridgePlayerView.View)] = view,
        [nameof(CartridgePlayerView.Move)] = _move,
    };

    private Task<Result<MoveReply>> MoveAsync(string move, object? payload) =>
        PartyTelemetry.TimeMoveAsync(move, () => Games.MoveAsync(RoomCode, _token, move, payload, PageClosed));

    private async Task LeaveAsync()
    {
        if (_playerId is null)
        {
            return;
        }

        _busy = true;
        var result = await Games.RemovePlayerAsync(RoomCode, _playerId, _token, PageClosed);
        _busy = false;
        if (result.IsSuccess || result.Error.Code is ErrorCodes.SessionNotFound or ErrorCodes.PlayerNotFound)
        {
            _presence?.Dispose();
            _presence = null;
            await Tokens.ForgetAsync(SessionTokenKind.Player, RoomCode);
            _left = true;
        }
    }

    private string ErrorTitle(GameError error) => error.Code switch
    {
        ErrorCodes.Kicked => T["Phone_Kicked"],
        ErrorCodes.SessionNotFound when EndedByHost => T["Phone_EndedByHost"],
        ErrorCodes.SessionNotFound when EndReason is not null => SessionEndTexts.TitleIn(T),
        ErrorCodes.SessionNotFound => T["Phone_GameIsOver"],
        ErrorCodes.Unauthorized => T["Phone_NotInGame"],
        _ => T["Phone_CantReach"],
    };

    private static string ErrorIcon(GameError error) => error.Code switch
    {
        ErrorCodes.Kicked => "🚪",
        ErrorCodes.SessionNotFound => "🎬",
        _ => "📡",
    };

    private string ErrorMessage(GameError error) => error.Code switch
    {
        ErrorCodes.SessionNotFound when EndedByHost => T["Phone_EndedByHostMessage"],
        ErrorCodes.SessionNotFound when EndReason is { } reason => SessionEndTexts.WhyIn(reason, T) + " " + T["Phone_JoinAnother"],
        ErrorCodes.SessionNotFound => T["Phone_NoSuchGame", RoomCode],
        _ => ProblemText.Detail(error, T),
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _presence?.Dispose();
        }

        base.Dispose(disposing);
    }
}
