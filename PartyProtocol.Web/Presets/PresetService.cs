using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Packs;
using PartyProtocol.Web.Persistence;

namespace PartyProtocol.Web.Presets;

/// <summary>What a client sends to create or replace a preset. Settings left out take the game's defaults.</summary>
/// <param name="Packs">The packs to play (<c>animals</c>, <c>own:12</c>); null or left out: every built-in pack.</param>
public sealed record PresetInput(string? Name, string? Game, IReadOnlyDictionary<string, JsonElement>? Settings,
    IReadOnlyList<string>? Packs = null);

/// <summary>A preset as its owner sees it; <see cref="Settings"/> is the cartridge's own description of its settings.</summary>
public sealed record PresetView(
    long Id,
    string Name,
    string Game,
    IReadOnlyDictionary<string, JsonElement> Settings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The packs the preset plays, or null (left out) for every built-in pack of its game.</summary>
    public IReadOnlyList<string>? Packs { get; init; }
}

/// <summary>
/// Accounts' config presets: the one service behind the presets REST endpoints, the presets page and the host
/// page's picker. Every call is scoped to one owner; another owner's preset is reported as not found. Settings are
/// validated by the game's cartridge and stored by the game's <see cref="IPresetSettingsMapper"/>: this service never
/// looks at a setting's fields.
/// </summary>
public sealed class PresetService
{
    private readonly IDbContextFactory<PartyDbContext> _dbFactory;
    private readonly CartridgeRegistry _games;
    private readonly Dictionary<string, IPresetSettingsMapper> _mappers;
    private readonly TimeProvider _time;

    public PresetService(IDbContextFactory<PartyDbContext> dbFactory, CartridgeRegistry games,
        IEnumerable<IPresetSettingsMapper> mappers, TimeProvider time)
    {
        _dbFactory = dbFactory;
        _games = games;
        _time = time;
        _mappers = new Dictionary<string, IPresetSettingsMapper>(StringComparer.Ordinal);
        foreach (var mapper in mappers)
        {
            var game = games.Find(mapper.GameKey)
                ?? throw new InvalidOperationException($"A preset mapper is registered for '{mapper.GameKey}', which is no installed game.");
            if (game.SettingsType != mapper.SettingsType)
            {
                throw new InvalidOperationException(
                    $"The preset mapper for '{mapper.GameKey}' stores {mapper.SettingsType.Name}, but the game's settings are {game.SettingsType.Name}.");
            }

            if (!_mappers.TryAdd(mapper.GameKey, mapper))
            {
                throw new InvalidOperationException($"Two preset mappers are registered for '{mapper.GameKey}'.");
            }
        }
    }

    /// <summary>The installed games whose settings can be saved as presets.</summary>
    public IReadOnlyList<ICartridge> Games => [.. _games.All.Where(g => _mappers.ContainsKey(g.Key))];

    public async Task<IReadOnlyList<PresetView>> ListAsync(string ownerId, string? game = null, CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Presets.AsNoTracking().Where(p => p.OwnerId == ownerId);
        if (!string.IsNullOrEmpty(game))
        {
            query = query.Where(p => p.GameKey == game);
        }

        var presets = await query.OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return await ViewsAsync(db, presets, cancellationToken);
    }

    public async Task<Result<PresetView>> GetAsync(string ownerId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var preset = await db.Presets.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.OwnerId == ownerId, cancellationToken);
        var views = preset is null ? [] : await ViewsAsync(db, [preset], cancellationToken);
        return views.Count == 1 ? views[0] : PresetErrors.NotFound(id);
    }

    public async Task<Result<PresetView>> CreateAsync(string ownerId, PresetInput input, CancellationToken cancellationToken = default)
    {
        var valid = Validate(input, input.Game);
        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        var (name, cartridge, mapper, settings, packs) = valid.Value;
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        if (await CheckOwnPacksAsync(db, ownerId, cartridge, packs, cancellationToken) is { } packProblem)
        {
            return packProblem;
        }

        if (await db.Presets.AnyAsync(p => p.OwnerId == ownerId && p.Name == name, cancellationToken))
        {
            return PresetErrors.NameTaken(name);
        }

        var now = Now();
        var preset = new Preset { OwnerId = ownerId, Name = name, GameKey = cartridge.Key, CreatedAt = now, UpdatedAt = now };
        db.Presets.Add(preset);
        await mapper.StageAsync(db, preset, settings, cancellationToken);
        await StagePacksAsync(db, preset, packs, cancellationToken);
        var saved = await SaveAsync(db, name, preset.Id, cancellationToken);
        return saved is null ? View(preset, cartridge, settings, packs) : saved;
    }

    /// <summary>Replaces a preset's name and settings (settings left out take the defaults). Its game cannot change.</summary>
    public async Task<Result<PresetView>> UpdateAsync(string ownerId, long id, PresetInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var preset = await db.Presets.SingleOrDefaultAsync(p => p.Id == id && p.OwnerId == ownerId, cancellationToken);
        if (preset is null)
        {
            return PresetErrors.NotFound(id);
        }

        var valid = Validate(input, preset.GameKey);
        if (input.Game is not null && input.Game != preset.GameKey)
        {
            var errors = new Dictionary<string, FieldError[]>(valid.Error?.AllFieldErrors() ?? new Dictionary<string, FieldError[]>(), StringComparer.Ordinal)
            {
                ["game"] = [new FieldError("preset_game_fixed",
                    $"This preset is for '{preset.GameKey}'; a preset's game cannot change. Create a new preset instead.", preset.GameKey)],
            };
            return GameError.Fields(ErrorCodes.InvalidInput, errors["game"][0].Message, ErrorKind.Invalid, errors);
        }

        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        var (name, cartridge, mapper, settings, packs) = valid.Value;
        if (await CheckOwnPacksAsync(db, ownerId, cartridge, packs, cancellationToken) is { } packProblem)
        {
            return packProblem;
        }

        if (await db.Presets.AnyAsync(p => p.OwnerId == ownerId && p.Name == name && p.Id != id, cancellationToken))
        {
            return PresetErrors.NameTaken(name);
        }

        preset.Name = name;
        preset.UpdatedAt = Now();
        await mapper.StageAsync(db, preset, settings, cancellationToken);
        await StagePacksAsync(db, preset, packs, cancellationToken);
        var saved = await SaveAsync(db, name, id, cancellationToken);
        return saved is null ? View(preset, cartridge, settings, packs) : saved;
    }

    public async Task<Result<long>> DeleteAsync(string ownerId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        // The settings row goes with it: its foreign key cascades in the database.
        var deleted = await db.Presets.Where(p => p.Id == id && p.OwnerId == ownerId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? id : PresetErrors.NotFound(id);
    }

    /// <summary>
    /// The preset's settings, re-bound through its cartridge, for a new session: a fresh settings record that later
    /// edits of the preset cannot reach. Settings the game no longer accepts are refused with the failing fields.
    /// </summary>
    public async Task<Result<PresetSettings>> LoadSettingsAsync(string ownerId, long id, CancellationToken cancellationToken = default)
    {
        var loaded = await GetAsync(ownerId, id, cancellationToken);
        if (!loaded.IsSuccess)
        {
            return loaded.Error;
        }

        var cartridge = _games.Get(loaded.Value.Game);
        var bound = cartridge.BindSettings(loaded.Value.Settings);
        if (!bound.IsSuccess)
        {
            return bound.Error with { Message = $"The preset '{loaded.Value.Name}' no longer suits {cartridge.Name}: {bound.Error.Message} Edit the preset and try again." };
        }

        return new PresetSettings(cartridge, bound.Value) { Packs = loaded.Value.Packs };
    }

    private DateTimeOffset Now() => AccountRows.Now(_time);

    /// <summary>Checks the name, the game and (through the cartridge) the settings, collecting every failing field.</summary>
    private Result<(string Name, ICartridge Cartridge, IPresetSettingsMapper Mapper, object Settings, IReadOnlyList<string>? Packs)> Validate(
        PresetInput input, string? game)
    {
        var errors = new Dictionary<string, FieldError[]>(StringComparer.Ordinal);
        var name = input.Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors["name"] = [new FieldError("preset_needs_name", "A preset needs a name.")];
        }
        else if (name.Length > Preset.MaxNameLength)
        {
            errors["name"] = [new FieldError("preset_name_length", $"A preset's name is at most {Preset.MaxNameLength} characters.", Preset.MaxNameLength)];
        }
        else if (name.Any(char.IsControl))
        {
            errors["name"] = [new FieldError("preset_name_control", "A preset's name cannot contain control characters.")];
        }

        var cartridge = string.IsNullOrEmpty(game) ? null : _games.Find(game);
        IPresetSettingsMapper? mapper = null;
        object? settings = null;
        if (string.IsNullOrEmpty(game))
        {
            errors["game"] = [new FieldError("preset_needs_game", "Choose the game this preset is for.")];
        }
        else if (cartridge is null)
        {
            var installed = string.Join(", ", _games.All.Select(c => c.Key));
            errors["game"] = [new FieldError("no_such_game", $"There is no game called '{game}'. Installed: {installed}.", game, installed)];
        }
        else if (!_mappers.TryGetValue(cartridge.Key, out mapper))
        {
            errors["game"] = [new FieldError("game_has_no_presets", $"{cartridge.Name} has no presets.", cartridge.Name)];
        }
        else
        {
            var bound = cartridge.BindSettings(input.Settings);
            if (bound.IsSuccess)
            {
                settings = bound.Value;
            }
            else
            {
                var fields = bound.Error.Errors is null
                    ? new Dictionary<string, FieldError[]> { ["settings"] = [new FieldError(string.Empty, bound.Error.Message)] }
                    : bound.Error.AllFieldErrors();
                foreach (var (field, problems) in fields)
                {
                    errors[field] = problems;
                }
            }

            if (input.Packs is not null && PackRefs.Parse(cartridge, input.Packs) is { IsSuccess: false } packs)
            {
                errors["packs"] = packs.Error.AllFieldErrors().GetValueOrDefault("packs") ?? [new FieldError(string.Empty, packs.Error.Message)];
            }
        }

        if (errors.Count > 0)
        {
            return GameError.Fields(ErrorCodes.InvalidInput, errors.First().Value[0].Message, ErrorKind.Invalid, errors);
        }

        return (name, cartridge!, mapper!, settings!, input.Packs is null ? null : [.. input.Packs]);
    }

    /// <summary>The own packs a preset names must be the owner's (<c>pack_not_found</c> otherwise) and for its game.</summary>
    private static async Task<GameError?> CheckOwnPacksAsync(PartyDbContext db, string ownerId, ICartridge game, IReadOnlyList<string>? packs,
        CancellationToken cancellationToken)
    {
        var ids = (packs ?? []).Select(p => PackRefs.TryOwn(p, out var id) ? id : 0).Where(id => id > 0).ToList();
        if (ids.Count == 0)
        {
            return null;
        }

        var found = await db.Packs.AsNoTracking().Where(p => ids.Contains(p.Id) && p.OwnerId == ownerId)
            .Select(p => new { p.Id, p.GameKey, p.Name }).ToListAsync(cancellationToken);
        var missing = ids.FirstOrDefault(id => found.All(p => p.Id != id));
        if (missing != 0)
        {
            return PackErrors.NotFound(missing);
        }

        return found.FirstOrDefault(p => p.GameKey != game.Key) is { } other
            ? GameError.Invalid("packs", new FieldError("pack_not_of_game", $"'{other.Name}' ({PackRefs.Own(other.Id)}) is not a {game.Name} pack.",
                other.Name, PackRefs.Own(other.Id), game.Name))
            : null;
    }

    /// <summary>Replaces the preset's chosen packs in the caller's SaveChanges (rows reused by position).</summary>
    private static async Task StagePacksAsync(PartyDbContext db, Preset preset, IReadOnlyList<string>? packs, CancellationToken cancellationToken)
    {
        var rows = preset.Id == 0 ? [] : await db.PresetPacks.Where(p => p.PresetId == preset.Id).OrderBy(p => p.Position).ToListAsync(cancellationToken);
        var chosen = packs ?? [];
        for (var i = 0; i < chosen.Count; i++)
        {
            var row = i < rows.Count ? rows[i] : db.PresetPacks.Add(new PresetPack { Preset = preset, Position = i }).Entity;
            row.Position = i;
            row.BuiltIn = PackRefs.TryOwn(chosen[i], out var id) ? null : chosen[i];
            row.PackId = id > 0 ? id : null;
        }

        db.PresetPacks.RemoveRange(rows.Skip(chosen.Count));
    }

    /// <summary>Writes the preset and its settings row in one SaveChanges (one transaction); null when it worked.</summary>
    private static async Task<GameError?> SaveAsync(PartyDbContext db, string name, long id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return PresetErrors.NotFound(id);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another request took the name between the check and the insert.
            return PresetErrors.NameTaken(name);
        }
        catch (DbUpdateException ex) when (ex.IsForeignKeyViolation())
        {
            return AccountRows.OwnerGone();
        }
    }

    private async Task<IReadOnlyList<PresetView>> ViewsAsync(PartyDbContext db, IReadOnlyList<Preset> presets, CancellationToken cancellationToken)
    {
        var presetIds = presets.Select(p => p.Id).ToList();
        var packRows = await db.PresetPacks.AsNoTracking().Where(p => presetIds.Contains(p.PresetId)).ToListAsync(cancellationToken);
        var packsById = packRows.GroupBy(p => p.PresetId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<string>)[.. g.OrderBy(p => p.Position).Select(p => p.PackId is { } id ? PackRefs.Own(id) : p.BuiltIn!)]);
        var settingsById = new Dictionary<long, object>();
        foreach (var group in presets.GroupBy(p => p.GameKey))
        {
            if (_mappers.TryGetValue(group.Key, out var mapper))
            {
                foreach (var (id, settings) in await mapper.LoadAsync(db, [.. group.Select(p => p.Id)], cancellationToken))
                {
                    settingsById[id] = settings;
                }
            }
        }

        // A preset of a game that is no longer installed cannot be used or shown with settings, so it is left out.
        return [.. presets
            .Where(p => settingsById.ContainsKey(p.Id) && _games.Find(p.GameKey) is not null)
            .Select(p => View(p, _games.Get(p.GameKey), settingsById[p.Id], packsById.GetValueOrDefault(p.Id)))];
    }

    private static PresetView View(Preset preset, ICartridge cartridge, object settings, IReadOnlyList<string>? packs) =>
        new(preset.Id, preset.Name, preset.GameKey, cartridge.DescribeSettings(settings), preset.CreatedAt, preset.UpdatedAt)
        {
            Packs = packs is { Count: > 0 } ? packs : null,
        };
}
