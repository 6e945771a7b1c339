using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Components.Pages.Presets;

public partial class PresetsPage
{
    private IReadOnlyList<PresetView>? _presets;
    private (ICartridge Game, PresetView? Preset)? _editing;
    private long? _confirmDelete;
    private string? _notice;
    private string _ownerId = string.Empty;

    [Inject]
    private PresetService PresetService { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool Interactive => RendererInfo.IsInteractive;

    protected override async Task OnInitializedAsync()
    {
        // [Authorize] lets only signed-in accounts render this page, so the id is there.
        _ownerId = (await AuthenticationState).User.UserId() ?? string.Empty;
        await ReloadAsync();
    }

    private async Task ReloadAsync() => _presets = await PresetService.ListAsync(_ownerId);

    private void New(ICartridge game)
    {
        _notice = null;
        _confirmDelete = null;
        _editing = (game, null);
    }

    private void Edit(PresetView preset)
    {
        _notice = null;
        _confirmDelete = null;
        _editing = (PresetService.Games.First(g => g.Key == preset.Game), preset);
    }

    private void CloseForm() => _editing = null;

    /// <summary>
    /// What sets a preset apart. The settings' own labels and values are the settings form's words (<see cref="SettingText"/>,
    /// shared with the host page); a preset that changes none of them says so in the page's language.
    /// </summary>
    private string Summary(ICartridge game, PresetView preset) =>
        game.Settings.Any(s => preset.Settings.TryGetValue(s.Name, out var value) && !s.IsDefault(value))
            ? SettingText.Summary(game, preset.Settings, T)
            : T["Presets_DefaultSettings"];

    private async Task SavedAsync(PresetView preset)
    {
        _notice = T["Presets_Saved", preset.Name];
        _editing = null;
        await ReloadAsync();
    }

    private async Task DeleteAsync(PresetView preset)
    {
        _confirmDelete = null;
        var deleted = await PresetService.DeleteAsync(_ownerId, preset.Id);
        // Already gone (deleted in another tab) is the outcome the user asked for.
        _notice = deleted.IsSuccess ? T["Presets_Deleted", preset.Name] : T["Presets_AlreadyDeleted", preset.Name];
        await ReloadAsync();
    }
}
