using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Localization;
using PartyProtocol.Web.Packs;

namespace PartyProtocol.Web.Components.Pages.Packs;

/// <summary>The account's packs: write a new one, import a file, copy a shared one; export, share or delete each.</summary>
public partial class PacksPage
{
    private IReadOnlyList<PackSummary>? _packs;
    private string _ownerId = string.Empty;
    private string? _importGame;
    private string? _importName;
    private GameError? _importError;
    private string? _shareCode;
    private string? _copyError;
    private string? _notice;
    private long? _confirmDelete;
    private bool _busy;

    [Inject]
    private PackService Packs { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool Interactive => RendererInfo.IsInteractive;

    protected override async Task OnInitializedAsync()
    {
        // [Authorize] lets only signed-in accounts render this page, so the id is there.
        _ownerId = (await AuthenticationState).User.UserId() ?? string.Empty;
        _importGame = Packs.Games.Count > 0 ? Packs.Games[0].Key : null;
        await ReloadAsync();
    }

    private async Task ReloadAsync() => _packs = await Packs.ListAsync(_ownerId);

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        _importError = null;
        _notice = null;
        _busy = true;
        try
        {
            var (text, tooLarge) = await PackUpload.ReadAsync(e.File, Packs.Options.MaxFileBytes);
            if (text is null)
            {
                _importError = PackErrors.InvalidFile(tooLarge!);
                return;
            }

            var csv = !PackUpload.IsJson(e.File);
            var name = string.IsNullOrWhiteSpace(_importName) ? (csv ? Path.GetFileNameWithoutExtension(e.File.Name) : null) : _importName.Trim();
            var draft = Packs.ReadFile(text, csv, csv ? _importGame : null, name, null, null);
            var imported = draft.IsSuccess ? await Packs.ImportAsync(_ownerId, draft.Value) : draft.Error;
            if (!imported.IsSuccess)
            {
                _importError = imported.Error;
                return;
            }

            _notice = T.Plural("Packs_Imported", imported.Value.Questions.Count, imported.Value.Pack.Name);
            _importName = null;
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CopyAsync()
    {
        _copyError = null;
        _notice = null;
        _busy = true;
        try
        {
            var copied = await Packs.CopySharedAsync(_ownerId, _shareCode ?? string.Empty);
            if (!copied.IsSuccess)
            {
                _copyError = ProblemText.Detail(copied.Error, T);
                return;
            }

            _notice = T["Packs_Copied", copied.Value.Pack.Name];
            _shareCode = null;
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task PublishAsync(PackSummary pack, bool publish)
    {
        _busy = true;
        try
        {
            var changed = publish ? await Packs.PublishAsync(_ownerId, pack.Id) : await Packs.UnpublishAsync(_ownerId, pack.Id);
            _notice = !changed.IsSuccess ? ProblemText.Detail(changed.Error, T)
                : publish ? T["Packs_Shared", pack.Name, changed.Value.ShareCode!]
                : T["Packs_Unshared", pack.Name];
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync(PackSummary pack)
    {
        _confirmDelete = null;
        var deleted = await Packs.DeleteAsync(_ownerId, pack.Id);
        _notice = deleted.IsSuccess ? T["Packs_Deleted", pack.Name] : ProblemText.Detail(deleted.Error, T);
        await ReloadAsync();
    }
}
