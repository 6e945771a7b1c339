using Microsoft.AspNetCore.Components;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Components.Browser;
using PartyProtocol.Web.Localization;
using PartyProtocol.Web.Protection;

namespace PartyProtocol.Web.Components.Pages.Play;

/// <summary>
/// Joining from a phone: room code (filled in from the QR code's <c>?code=</c>) and a nickname. Each refusal is shown
/// next to the field it is about; the new seat's token is kept in browser storage for reconnecting.
/// </summary>
public partial class Join
{
    private static readonly Dictionary<string, object> CodeAttributes = new()
    {
        ["autocapitalize"] = "characters",
        ["autocomplete"] = "off",
        ["spellcheck"] = "false",
        ["inputmode"] = "text",
        ["data-testid"] = "code",
    };

    private static readonly Dictionary<string, object> NameAttributes = new()
    {
        ["autocomplete"] = "nickname",
        ["enterkeyhint"] = "go",
        ["data-testid"] = "name",
    };

    private string? _code;
    private string? _name;
    private string? _codeError;
    private string? _nameError;
    private GameError? _error;
    private bool _joining;
    private SessionView? _welcomeBack;

    [Inject]
    private GameService Games { get; set; } = default!;

    [Inject]
    private ISessionTokenStore Tokens { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private UnknownCodeGuard CodeGuard { get; set; } = default!;

    [Inject]
    private CircuitClient Client { get; set; } = default!;

    [Inject]
    private PartyText T { get; set; } = default!;

    /// <summary>The room code from the QR code's link.</summary>
    [SupplyParameterFromQuery(Name = "code")]
    public string? Code { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _code ??= Code?.Trim().ToUpperInvariant();
        if (!RendererInfo.IsInteractive || RoomCodes.Normalize(_code) is not { } code)
        {
            return;
        }

        var token = await Tokens.GetAsync(SessionTokenKind.Player, code);
        if (token is null)
        {
            return;
        }

        var view = await Games.GetViewAsync(code, token);
        if (view.IsSuccess && view.Value.You.Role == "player")
        {
            _welcomeBack = view.Value;
        }
        else if (view.Error?.Code != ErrorCodes.Unavailable)
        {
            await Tokens.ForgetAsync(SessionTokenKind.Player, code);
        }
    }

    /// <summary>The refusal about the name, or why Join is off for a name of only spaces.</summary>
    private string? NameProblem => _nameError ?? (NameOnlySpaces ? T["Join_NameNeedsLetter"].Value : null);

    // Join stays on while a field is empty: a browser does not submit a form on Enter while its button is disabled, and a
    // quick typist's Enter can reach the page before the server has switched the button on. Empty fields are said below.
    private bool NameOnlySpaces => !string.IsNullOrEmpty(_name) && string.IsNullOrWhiteSpace(_name);

    // A corrected field drops the refusal about its old value.
    private void CodeChanged(string? code)
    {
        _code = code;
        _codeError = null;
        _error = null;
    }

    private void NameChanged(string? name)
    {
        _name = name;
        _nameError = null;
        _error = null;
    }

    /// <summary>The audience page of the typed room (a static page, so a full load).</summary>
    private void JoinAudience()
    {
        if (RoomCodes.Normalize(_code?.Trim() ?? "") is { } room)
        {
            Navigation.NavigateTo($"/audience/{room}", forceLoad: true);
        }
        else
        {
            _codeError = T["Join_CodeFirst"].Value;
        }
    }

    private async Task JoinAsync()
    {
        if (_joining)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(_code) || string.IsNullOrWhiteSpace(_name))
        {
            _codeError = string.IsNullOrWhiteSpace(_code) ? T["Join_CodeFirst"].Value : null;
            _nameError = string.IsNullOrWhiteSpace(_name) && !NameOnlySpaces ? T["Join_NameFirst"].Value : null;
            return;
        }

        _joining = true;
        _codeError = _nameError = null;
        _error = null;
        var code = _code.Trim().ToUpperInvariant();
        // Trying codes here costs the same as over the API: a few dozen unknown ones a minute (UnknownCodeGuard).
        if (Client.Key is { } client && CodeGuard.Check(client) is { } refused)
        {
            _joining = false;
            _codeError = ProblemText.Detail(refused.Problem.Code, refused.Problem.Detail, T.Culture);
            return;
        }

        var joined = await Games.JoinAsync(code, _name, null);
        if (Client.Key is { } caller && joined.Error?.Code == ErrorCodes.SessionNotFound)
        {
            CodeGuard.RecordMiss(caller);
        }

        if (joined.IsSuccess)
        {
            var room = RoomCodes.Normalize(code)!;
            await Tokens.SaveAsync(SessionTokenKind.Player, room, joined.Value.PlayerToken);
            Navigation.NavigateTo($"/play/{room}");
            return;
        }

        if (joined.Error.Code is ErrorCodes.GameInProgress or ErrorCodes.RoomFull)
        {
            // No seat for them now: they watch and vote with the audience instead (the page says how to take a seat back).
            Navigation.NavigateTo($"/audience/{RoomCodes.Normalize(code)}?from=join", forceLoad: true);
            return;
        }

        _joining = false;
        switch (joined.Error.Code)
        {
            case ErrorCodes.SessionNotFound:
                _codeError = ProblemText.Detail(joined.Error, T);
                break;
            case ErrorCodes.NameTaken or ErrorCodes.InvalidName or ErrorCodes.NotFamilyFriendly:
                _nameError = ProblemText.Detail(joined.Error, T);
                break;
            default:
                _error = joined.Error;
                break;
        }
    }

    /// <summary>The switch keeps the room code typed so far, so a player switching language does not lose it.</summary>
    private string LanguageLink(string language)
    {
        var back = string.IsNullOrWhiteSpace(_code) ? "/join" : $"/join?code={Uri.EscapeDataString(_code.Trim())}";
        return $"{PartyLocalizationExtensions.SwitchPath}?set={language}&return={Uri.EscapeDataString(back)}";
    }
}
