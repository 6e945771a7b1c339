using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Packs;

namespace PartyProtocol.Web.Components.Shared;

public partial class PackPicker
{
    private IReadOnlyList<IGrouping<string, PackInfo>> _builtIn = [];
    private IReadOnlyList<PackSummary> _own = [];
    private IReadOnlyCollection<string> _selected = [];
    private bool _signedIn;
    private string? _loadedFor;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The game the packs are for.</summary>
    [Parameter, EditorRequired]
    public ICartridge Game { get; set; } = default!;

    /// <summary>The chosen packs, or null for every built-in pack.</summary>
    [Parameter]
    public IReadOnlyList<string>? Selected { get; set; }

    [Parameter]
    public EventCallback<IReadOnlyList<string>?> SelectedChanged { get; set; }

    [Parameter]
    public bool Disabled { get; set; }

    /// <summary>The room's language, whose packs' names the chips show; null for the screen's language.</summary>
    [Parameter]
    public string? Language { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        // Own packs are read once per game; the choice follows the parent (a preset fills it in).
        _selected = Selected is null ? [] : [.. Selected];
        if (_loadedFor == Game.Key)
        {
            return;
        }

        _loadedFor = Game.Key;
        _builtIn = BuiltInPacks(Game);
        _own = [];
        var ownerId = AuthenticationState is null ? null : (await AuthenticationState).User.UserId();
        _signedIn = ownerId is not null;
        // Packs live in the accounts database; an app without it (or a game without own packs) offers the built-in ones.
        if (ownerId is not null && Game is IQuestionGame && Services.GetService<PackService>() is { } packs && packs.MapperFor(Game.Key) is not null)
        {
            _own = await packs.ListAsync(ownerId, Game.Key);
        }
    }

    private async Task ChangedAsync(IReadOnlyCollection<string>? values)
    {
        // The order shown, not the order clicked: a choice reads the same however it was made.
        var order = _builtIn.Select(b => b.Key).Concat(_own.Select(o => o.Ref)).ToList();
        var chosen = (values ?? []).OrderBy(v => order.IndexOf(v)).ToList();
        _selected = chosen;
        await SelectedChanged.InvokeAsync(chosen.Count == 0 ? null : chosen);
    }

    // One entry per key: the packs of every language share their keys.
    private static IReadOnlyList<IGrouping<string, PackInfo>> BuiltInPacks(ICartridge game) => game is IQuestionGame questions
        ? [.. questions.Library.Packs.GroupBy(p => p.Pack, StringComparer.Ordinal)]
        : [];

    // Only a known room language rules packs out: without one (the screen's language) every pack is offered.
    private bool Playable(IGrouping<string, PackInfo> packs) =>
        Language is null || packs.Any(p => PackLanguage.Plays(p.Language, Language));

    // Named as the pack in the room's language is where there is one ("Kultur" in a Danish room), else as the English one.
    private string NameOf(IGrouping<string, PackInfo> packs)
    {
        var language = Language ?? T.Language;
        return packs.OrderBy(p => PackLanguage.Plays(p.Language, language) ? 0 : PackLanguage.Plays(p.Language, PackLanguage.Default) ? 1 : 2)
            .First().Name;
    }
}
