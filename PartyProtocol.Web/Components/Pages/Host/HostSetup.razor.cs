using PartyProtocol.Web.Presets;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Packs;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Components.Browser;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Components.Pages.Host;

/// <summary>A game's settings to put in the setup form, and where they came from (shown to the host, in the page's language).</summary>
public sealed record SettingsChoice(string Game, IReadOnlyDictionary<string, JsonElement> Settings, string Source);

/// <summary>
/// The host's setup screen: pick a game, adjust its settings (validated by the cartridge as they change) and open a
/// room. Settings can be filled in from elsewhere with <see cref="ApplyChoice"/> — "play again" uses it with the
/// previous room's settings, and a preset picker plugs in the same way.
/// </summary>
public partial class HostSetup
{
    private ICartridge? _game;
    private List<SettingField> _fields = [];
    private Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private Origin _origin;
    private string _source = string.Empty;
    private string? _createError;
    private bool _creating;
    private IReadOnlyList<string>? _packs;
    private QuestionChoice? _choice;
    private string? _choiceError;
    private bool _packsChosen;
    private bool _streamerMode;
    private bool _hideNames;
    private List<string>? _againPlayers;

    /// <summary>Where the form's settings came from: the chip says "Defaults", "Custom" or the source's name.</summary>
    private enum Origin
    {
        Defaults,
        Custom,
        Named,
    }

    [Inject]
    private GameService Games { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private ISessionTokenStore Tokens { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Preselects a game by key (<c>/host?game=bluff</c>).</summary>
    [SupplyParameterFromQuery(Name = "game")]
    public string? GameKey { get; set; }

    /// <summary>Copies the settings of a room that is still around (<c>/host?from=ABCD</c>, the "play again" button).</summary>
    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    /// <summary>Play again with the same players of this finished room (<c>/host?again=ABCD</c>, the "Same players" button).</summary>
    [SupplyParameterFromQuery(Name = "again")]
    public string? Again { get; set; }

    protected override async Task OnInitializedAsync()
    {
        SelectGame((GameKey is null ? null : Games.FindGame(GameKey)) ?? GamesInOrder().FirstOrDefault());
        // Only the room's owner sees its settings: this browser still holds the owner token of the room it ran (browser
        // storage is read once the page is interactive).
        if (RendererInfo.IsInteractive && RoomCodes.Normalize(Again ?? From) is { } from)
        {
            var previous = await Games.GetViewAsync(from, await Tokens.GetAsync(SessionTokenKind.Owner, from));
            if (previous.IsSuccess)
            {
                ApplyChoice(new SettingsChoice(previous.Value.Game, previous.Value.Settings, T["Setup_Source_Room", previous.Value.Code]));
                _streamerMode = previous.Value.Room.StreamerMode;
                _hideNames = previous.Value.Room.HideNames;
                if (Again is not null)
                {
                    _againPlayers = [.. previous.Value.Players.Where(p => !p.Left).Select(p => p.Name)];
                }
            }
        }
    }

    /// <summary>Fills the form with a game and its settings (a preset, or the last room's); unknown names are ignored.</summary>
    public void ApplyChoice(SettingsChoice choice)
    {
        var game = Games.FindGame(choice.Game);
        if (game is null)
        {
            return;
        }

        SelectGame(game);
        foreach (var field in _fields)
        {
            if (choice.Settings.TryGetValue(field.Name, out var value))
            {
                field.Load(value);
            }
        }

        _origin = Origin.Named;
        _source = choice.Source;
        Validate();
        StateHasChanged();
    }

    private void SelectGame(ICartridge? game)
    {
        _game = game;
        _fields = game?.Settings.Select(s => new SettingField(s)).ToList() ?? [];
        _packs = null;
        _choice = null;
        _choiceError = null;
        _origin = Origin.Defaults;
        _createError = null;
        Validate();
    }

    private void ResetToDefaults() => SelectGame(_game);

    private async Task OnPresetPicked(PresetSettings? preset)
    {
        if (preset is null)
        {
            ResetToDefaults();
            return;
        }

        ApplyChoice(new SettingsChoice(preset.Game.Key, preset.Game.DescribeSettings(preset.Settings), T["Setup_Source_Preset"]));
        if (preset.Packs is not null)
        {
            await PacksChangedAsync(preset.Packs);
        }
    }

    /// <summary>
    /// Reads the chosen packs' questions now (own packs come from the accounts database), so validating the settings
    /// against them, as the host types, stays synchronous.
    /// </summary>
    private async Task PacksChangedAsync(IReadOnlyList<string>? packs)
    {
        _packs = packs;
        _packsChosen = true;
        _choice = null;
        _choiceError = null;
        if (_game is not null && packs is not null)
        {
            var ownerId = AuthenticationState is null ? null : (await AuthenticationState).User.UserId();
            var resolved = Services.GetService<SessionQuestions>() is { } questions
                ? await questions.ResolveAsync(_game, packs, ownerId)
                : Result<QuestionChoice?>.Ok(new QuestionChoice([.. packs], []));
            if (resolved.IsSuccess)
            {
                _choice = resolved.Value;
            }
            else
            {
                _choiceError = ProblemText.Detail(resolved.Error, T);
            }
        }

        if (_origin == Origin.Defaults)
        {
            _origin = Origin.Custom;
        }

        Validate();
    }

    private string SourceText => _origin switch
    {
        Origin.Defaults => T["Setup_Source_Defaults"],
        Origin.Custom => T["Setup_Source_Custom"],
        _ => _source,
    };

    /// <summary>The room's language as the form has it, so the pack picker names the packs in it.</summary>
    private string? RoomLanguage => SettingField.RoomLanguage(_fields);

    /// <summary>The games by their names in the page's language.</summary>
    private IEnumerable<ICartridge> GamesInOrder() =>
        Games.Games.OrderBy(g => GameText.Name(g, T), StringComparer.Create(T.Culture, ignoreCase: true));

    private Dictionary<string, JsonElement> Values() => _fields.ToDictionary(f => f.Name, f => f.ToJson(), StringComparer.Ordinal);

    private void Validate()
    {
        _errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_choiceError is not null)
        {
            _errors["packs"] = _choiceError;
        }
        else if (_game is not null && Settings() is { IsSuccess: false } bound)
        {
            foreach (var (key, messages) in bound.Error.Errors ?? new Dictionary<string, string[]>())
            {
                var name = key.StartsWith("settings.", StringComparison.Ordinal) ? key["settings.".Length..] : key;
                var field = _fields.FirstOrDefault(f => f.Name == name);
                _errors[name] = SettingText.Error(_game.Key, name, field?.Definition, field?.ToJson(), messages[0], T);
            }

            if (_errors.Count == 0)
            {
                _errors[""] = ProblemText.Detail(bound.Error, T);
            }
        }

        if (_origin == Origin.Defaults && _fields.Any(f => !f.IsDefault))
        {
            _origin = Origin.Custom;
        }
    }

    /// <summary>The form's settings as the game binds them, with the chosen packs' questions.</summary>
    private Result<object> Settings()
    {
        if (_game is null)
        {
            return GameError.Invalid("game", "Pick a game.");
        }

        var bound = _game.BindSettings(Values());
        return bound.IsSuccess ? SessionQuestions.Apply(_game, bound.Value, _choice) : bound.Error;
    }

    private async Task CreateAsync()
    {
        if (_game is null || _creating)
        {
            return;
        }

        Validate();
        if (_errors.Count > 0)
        {
            return;
        }

        _creating = true;
        _createError = null;
        // The settings with the packs the picker shows. "Same players" keeps the old room's questions unless the host picked
        // packs, and draws what it played last either way.
        var settings = Settings();
        var created = !settings.IsSuccess
            ? Result<CreatedSession>.Fail(settings.Error)
            : Again is not null
                ? await Games.PlayAgainAsync(Again, await Tokens.GetAsync(SessionTokenKind.Owner, Again), _game, settings.Value, _packsChosen)
                : await Games.CreateSessionAsync(_game, settings.Value, new RoomOptions(_streamerMode, _hideNames));

        if (!created.IsSuccess)
        {
            _creating = false;
            _createError = ProblemText.Detail(created.Error, T);
            return;
        }

        await Tokens.SaveAsync(SessionTokenKind.Owner, created.Value.Code, created.Value.OwnerToken);
        Navigation.NavigateTo($"/host/{created.Value.Code}");
    }
}
