using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Localization;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Components.Shared;

public partial class PresetPicker
{
    private IReadOnlyList<PresetView> _presets = [];
    private PickerState _state = PickerState.Loading;
    private long _selected;
    private bool _picking;
    private string? _error;
    private string? _loadedFor;

    private enum PickerState
    {
        Loading,
        Anonymous,
        SignedIn,
    }

    [Inject]
    private PresetService PresetService { get; set; } = default!;

    [Inject]
    private ISessionPresetSource PresetSource { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The game the room is for (its cartridge key).</summary>
    [Parameter, EditorRequired]
    public string GameKey { get; set; } = default!;

    /// <summary>A preset's settings were picked, or null for the game's defaults.</summary>
    [Parameter]
    public EventCallback<PresetSettings?> OnPicked { get; set; }

    private ICartridge? Game => PresetService.Games.FirstOrDefault(g => g.Key == GameKey);

    private string GameName => Game is { } game ? GameText.Name(game, T) : GameKey;

    private string SignInHref => $"Account/Login?ReturnUrl={Uri.EscapeDataString(Navigation.ToBaseRelativePath(Navigation.Uri))}";

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == GameKey)
        {
            return;
        }

        _loadedFor = GameKey;
        _selected = 0;
        _error = null;
        var ownerId = AuthenticationState is null ? null : (await AuthenticationState).User.UserId();
        if (ownerId is null)
        {
            _state = PickerState.Anonymous;
            return;
        }

        _presets = await PresetService.ListAsync(ownerId, GameKey);
        _state = PickerState.SignedIn;
    }

    private async Task PickAsync(long presetId)
    {
        _error = null;
        if (presetId == 0)
        {
            _selected = 0;
            await OnPicked.InvokeAsync(null);
            return;
        }

        _picking = true;
        try
        {
            var user = (await AuthenticationState!).User;
            var loaded = await PresetSource.LoadAsync(presetId, user);
            if (!loaded.IsSuccess)
            {
                // Deleted in another tab, or no longer valid for the game: fall back to the defaults visibly.
                _error = ProblemText.Detail(loaded.Error, T);
                _selected = 0;
                await OnPicked.InvokeAsync(null);
                return;
            }

            _selected = presetId;
            await OnPicked.InvokeAsync(loaded.Value);
        }
        finally
        {
            _picking = false;
        }
    }
}
