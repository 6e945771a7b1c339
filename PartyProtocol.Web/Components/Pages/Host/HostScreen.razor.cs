using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Api;
using PartyProtocol.Web.Components.Browser;
using PartyProtocol.Web.Components.Cartridges;
using PartyProtocol.Web.Composition;
using PartyProtocol.Web.Localization;
using PartyProtocol.Web.Protection;
using PartyProtocol.Web.Telemetry;

namespace PartyProtocol.Web.Components.Pages.Host;

/// <summary>
/// The big screen of one room: the lobby, then the cartridge's host view, with the owner's controls when this browser
/// holds the owner token (kept in browser storage, so a reload resumes). Without the token it is a watch-only screen.
/// </summary>
public partial class HostScreen
{
    private bool _ready;
    private bool _busy;
    private bool _exited;
    private string? _ownerToken;
    private CartridgeMove? _ownerMove;
    private AudienceView? _audience;

    [Inject]
    private ISessionTokenStore Tokens { get; set; } = default!;

    [Inject]
    private ICartridgeViews CartridgeViews { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<ScreensOptions> ScreenOptions { get; set; } = default!;

    [Inject]
    private UnknownCodeGuard CodeGuard { get; set; } = default!;

    [Inject]
    private CircuitClient Client { get; set; } = default!;

    private bool IsOwner => _ownerToken is not null && View?.You.Role == "owner";

    private Uri PublicBase => new(ScreenOptions.Value.PublicUrl ?? Navigation.BaseUri);

    private string JoinUrl => new Uri(PublicBase, $"join?code={RoomCode}").ToString();

    /// <summary>The join address as people read it aloud: no scheme, no query.</summary>
    private string JoinAddress => $"{PublicBase.Authority}{PublicBase.AbsolutePath.TrimEnd('/')}/join";

    private string? ReachabilityHint => ScreenOptions.Value.PublicUrl is null && PublicBase.IsLoopback
        ? T["Tv_LocalhostHint"].Value
        : null;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        var token = await Tokens.GetAsync(SessionTokenKind.Owner, RoomCode);
        if (token is not null)
        {
            var caller = await Games.IdentifyAsync(RoomCode, token, PageClosed);
            if (caller.IsSuccess && caller.Value.IsOwner)
            {
                _ownerToken = token;
                _ownerMove = OwnerMoveAsync;
                var audience = await Games.GetAudienceAsync(RoomCode, PageClosed);
                _audience = audience.IsSuccess ? audience.Value : null;
            }
            else if (caller.Error?.Code != ErrorCodes.Unavailable)
            {
                await Tokens.ForgetAsync(SessionTokenKind.Owner, RoomCode);
            }
        }

        await RefreshAsync();
        _ready = true;
    }

    protected override async Task<Result<SessionView>> ReadViewAsync(CancellationToken cancellationToken)
    {
        // The first read of a code typed into the address bar is a room-code lookup like any other (UnknownCodeGuard).
        if (_ready || Client.Key is not { } client)
        {
            return await Games.GetViewAsync(RoomCode, _ownerToken, cancellationToken);
        }

        if (CodeGuard.Check(client) is { } refused)
        {
            return new GameError(ApiErrorCodes.RateLimited, refused.Problem.Detail, ErrorKind.TooManyRequests);
        }

        var view = await Games.GetViewAsync(RoomCode, _ownerToken, cancellationToken);
        if (view.Error?.Code == ErrorCodes.SessionNotFound)
        {
            CodeGuard.RecordMiss(client);
        }

        return view;
    }

    private bool StreamerMode => View?.Room.StreamerMode == true;

    protected override void OnViewRead()
    {
        // Play again with the same players: this screen follows the room (the owner's own setup page took its token along).
        if (View?.MovedTo is { } movedTo)
        {
            Navigation.NavigateTo($"/host/{movedTo}", forceLoad: true);
        }
    }

    private static bool IsHiddenName(PlayerView player) => player.NameHidden == true;

    private async Task HideNameAsync(PlayerView player)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Tv_HideNameTitle", player.Name],
            T["Tv_HideNameMessage"],
            yesText: T["Tv_HideNameYes"],
            cancelText: T["Tv_HideNameNo"]);
        if (confirmed != true)
        {
            return;
        }

        var result = await Games.HideNameAsync(RoomCode, player.Id, _ownerToken, PageClosed);
        if (!result.IsSuccess)
        {
            Snackbar.Add(ProblemText.Detail(result.Error, T), Severity.Warning);
        }
    }

    private Dictionary<string, object?> HostViewParameters(SessionView view) => new()
    {
        [nameof(CartridgeHostView.View)] = view,
        [nameof(CartridgeHostView.OwnerMove)] = IsOwner ? _ownerMove : null,
    };

    private async Task<Result<MoveReply>> OwnerMoveAsync(string move, object? payload)
    {
        var result = await PartyTelemetry.TimeMoveAsync(move, () => Games.MoveAsync(RoomCode, _ownerToken, move, payload, PageClosed));
        if (!result.IsSuccess)
        {
            Snackbar.Add(ProblemText.Detail(result.Error, T), Severity.Warning);
        }

        return result;
    }

    private async Task SetAudienceAsync(AudienceChange change)
    {
        _busy = true;
        try
        {
            var result = await Games.SetAudienceAsync(RoomCode, _ownerToken, change.Open, change.Cap, PageClosed);
            if (result.IsSuccess)
            {
                _audience = result.Value;
            }
            else
            {
                Snackbar.Add(ProblemText.Detail(result.Error, T), Severity.Warning);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private Task PlayAsync() => RunOwnerCommandAsync(() => Games.PlayAsync(RoomCode, _ownerToken, PageClosed));

    private Task PauseAsync() => RunOwnerCommandAsync(() => Games.PauseAsync(RoomCode, _ownerToken, PageClosed));

    private Task ResumeAsync() => RunOwnerCommandAsync(() => Games.PlayAsync(RoomCode, _ownerToken, PageClosed));

    private async Task KickAsync(PlayerView player)
    {
        // A kick is for good (the name and the phone can never come back), and the button sits next to every name.
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Tv_KickTitle", player.Name],
            T["Tv_KickMessage", player.Name],
            yesText: T["Tv_KickYes"],
            cancelText: T["Tv_KickNo"]);
        if (confirmed != true)
        {
            return;
        }

        var result = await Games.RemovePlayerAsync(RoomCode, player.Id, _ownerToken, PageClosed);
        if (result.IsSuccess)
        {
            Snackbar.Add(T["Tv_Kicked", player.Name], Severity.Info);
        }
        else
        {
            Snackbar.Add(ProblemText.Detail(result.Error, T), Severity.Warning);
        }
    }

    private async Task ExitAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Tv_ExitTitle"],
            T["Tv_ExitMessage"],
            yesText: T["Tv_EndGame"],
            cancelText: T["Tv_KeepPlaying"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        var result = await Games.ExitAsync(RoomCode, _ownerToken, PageClosed);
        _busy = false;
        if (result.IsSuccess || result.Error.Code == ErrorCodes.SessionNotFound)
        {
            await Tokens.ForgetAsync(SessionTokenKind.Owner, RoomCode);
            _exited = true;
            ClearView(null);
        }
        else
        {
            Snackbar.Add(ProblemText.Detail(result.Error, T), Severity.Error);
        }
    }

    private async Task RunOwnerCommandAsync(Func<Task<Result<MoveReply>>> command)
    {
        _busy = true;
        try
        {
            var result = await command();
            if (!result.IsSuccess)
            {
                Snackbar.Add(ProblemText.Detail(result.Error, T), Severity.Warning);
            }
        }
        finally
        {
            _busy = false;
        }

        await RefreshAsync();
    }

    private string EndedTitle(GameError error) => error.Code switch
    {
        ErrorCodes.SessionNotFound when EndedByHost => T["Phone_EndedByHost"],
        ErrorCodes.SessionNotFound when EndReason is not null => SessionEndTexts.TitleIn(T),
        ErrorCodes.SessionNotFound => T["Tv_RoomClosed"],
        _ => T["Tv_CantShow"],
    };

    private string EndedMessage(GameError error) => error.Code switch
    {
        ErrorCodes.SessionNotFound when EndedByHost => T["Tv_EndedByHostMessage"],
        ErrorCodes.SessionNotFound when EndReason is { } reason => SessionEndTexts.WhyIn(reason, T) + " " + T["Tv_StartAnother"],
        ErrorCodes.SessionNotFound => T["Tv_NoSuchGame", RoomCode],
        _ => ProblemText.Detail(error, T),
    };

}
