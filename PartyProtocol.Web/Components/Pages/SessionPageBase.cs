using System.Text.Json;
using Microsoft.AspNetCore.Components;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Components.Shared;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Components.Pages;

/// <summary>
/// The host and player pages: keeps <see cref="View"/> current by re-reading it whenever the session publishes an
/// event. Views carry everything a screen needs, so a missed or coalesced event is healed by the next read; nothing
/// is polled. Bus handlers run on the publisher's thread, so they only hand the work to the renderer.
/// </summary>
public abstract class SessionPageBase : ComponentBase, IDisposable
{
    // Cancelled, never disposed: reads still in flight may hold its token after the page has gone.
    private readonly CancellationTokenSource _disposed = new();
    private IDisposable? _subscription;
    private bool _refreshing;
    private bool _refreshAgain;

    [Parameter]
    public string Code { get; set; } = "";

    [Inject]
    protected GameService Games { get; set; } = default!;

    [Inject]
    protected GameEventBus Bus { get; set; } = default!;

    /// <summary>
    /// The page's texts. They follow the room's language (the setting the host picked) at every read of the view,
    /// unless the person at this screen chose their own on the join page.
    /// </summary>
    [Inject]
    protected PartyText T { get; set; } = default!;

    /// <summary>The room code as the engine spells it (upper case).</summary>
    protected string RoomCode => RoomCodes.Normalize(Code) ?? Code.Trim().ToUpperInvariant();

    /// <summary>The latest view; kept when a later read fails only because the store is briefly unreachable.</summary>
    protected SessionView? View { get; private set; }

    /// <summary>Why there is no view (for example the session ended or this browser's token is not valid).</summary>
    protected GameError? ViewError { get; private set; }

    /// <summary>Each seat's colour, cascaded to the avatars; a new instance only when the seats change.</summary>
    protected PlayerPalette Palette { get; private set; } = new([]);

    /// <summary>Why the session ended (a <see cref="SessionEndReasons"/> value), once this page heard <c>session.ended</c>.</summary>
    protected string? EndReason { get; private set; }

    /// <summary>The room's language (the setting the host picked), or null for a game without one.</summary>
    protected string? RoomLanguage => View?.Settings.TryGetValue(PackLanguage.Setting.Name, out var language) == true
        && language.ValueKind == JsonValueKind.String ? language.GetString() : null;

    /// <summary>True once this page saw the owner end the session.</summary>
    protected bool EndedByHost => EndReason == SessionEndReasons.Exit;

    /// <summary>Cancelled when the page goes away.</summary>
    protected CancellationToken PageClosed => _disposed.Token;

    /// <summary>False until the page knows who it reads the view as (the player page must load its token first).</summary>
    protected virtual bool CanReadView => true;

    protected override void OnInitialized()
    {
        if (RendererInfo.IsInteractive)
        {
            // Subscribe before the first read, so nothing that happens in between is missed.
            _subscription = Bus.Subscribe(RoomCode, e => _ = InvokeAsync(() => OnSessionEventAsync(e)));
        }
    }

    /// <summary>Reads the view as this page's viewer.</summary>
    protected abstract Task<Result<SessionView>> ReadViewAsync(CancellationToken cancellationToken);

    /// <summary>Called on the renderer after every view read.</summary>
    protected virtual void OnViewRead()
    {
    }

    /// <summary>Reads the view now; concurrent calls coalesce into one more read after the running one.</summary>
    protected async Task RefreshAsync()
    {
        if (!CanReadView || _disposed.IsCancellationRequested)
        {
            return;
        }

        if (_refreshing)
        {
            _refreshAgain = true;
            return;
        }

        _refreshing = true;
        try
        {
            do
            {
                _refreshAgain = false;
                Apply(await ReadViewAsync(_disposed.Token));
            }
            while (_refreshAgain && !_disposed.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            _refreshing = false;
        }

        T.FollowRoom(RoomLanguage);
        OnViewRead();
        StateHasChanged();
    }

    /// <summary>Forgets the view, for example after this screen ended the session itself.</summary>
    protected void ClearView(GameError? reason)
    {
        View = null;
        ViewError = reason;
    }

    private Task OnSessionEventAsync(GameEvent gameEvent)
    {
        // A gauge a few times a second, not a change of the session: the components that show it listen for it themselves.
        if (gameEvent.Type == EventTypes.AudienceUpdated)
        {
            return Task.CompletedTask;
        }

        if (gameEvent.Type == EventTypes.SessionEnded)
        {
            // Committed here it is the record; bridged from another instance, its JSON.
            EndReason = gameEvent.Data switch
            {
                SessionEnded ended => ended.Reason,
                JsonElement { ValueKind: JsonValueKind.Object } json when json.TryGetProperty("reason", out var reason)
                    && reason.ValueKind == JsonValueKind.String => reason.GetString(),
                _ => null,
            } ?? SessionEndReasons.Exit;
        }

        return RefreshAsync();
    }

    private void Apply(Result<SessionView> result)
    {
        if (result.IsSuccess)
        {
            if (View is null || result.Value.Seq >= View.Seq)
            {
                View = result.Value;
                ViewError = null;
                var seats = View.Players.Select(p => p.Id);
                if (!Palette.SameSeats(seats))
                {
                    Palette = new PlayerPalette(seats);
                }
            }
        }
        else if (result.Error.Code != ErrorCodes.Unavailable || View is null)
        {
            View = null;
            ViewError = result.Error;
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _subscription?.Dispose();
            _disposed.Cancel();
        }
    }
}
