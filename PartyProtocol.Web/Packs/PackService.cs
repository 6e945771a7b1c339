using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Persistence;

namespace PartyProtocol.Web.Packs;

/// <summary>A pack as lists show it.</summary>
/// <param name="Ref">How the pack is chosen for a game (<c>own:12</c>).</param>
/// <param name="ShareCode">The code other hosts copy it with, while it is published.</param>
public sealed record PackSummary(long Id, string Ref, string Name, string Game, string Language, string Description, int QuestionCount,
    string? ShareCode, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A pack with its questions, in their order.</summary>
public sealed record PackDetails(PackSummary Pack, IReadOnlyList<IQuestion> Questions);

/// <summary>What anyone signed in sees of a published pack before copying it.</summary>
public sealed record SharedPackView(string ShareCode, string Name, string Game, string Language, string Description, int QuestionCount);

/// <summary>
/// Hosts' own question packs: the one service behind the packs REST endpoints, the packs pages, the host page's pack
/// picker and sessions that play own packs. Every call is scoped to one owner; another owner's pack is reported as not
/// found. Questions are checked with the game's rules and the shared content lint, exactly like the built-in packs
/// (only a source is not required), and stored by the game's <see cref="IPackQuestionMapper"/>: this service never
/// looks at a question's fields. A pack and its questions are saved in one transaction: nothing is ever half-saved.
/// </summary>
public sealed partial class PackService
{
    private const string ShareAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const string IdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    private readonly IDbContextFactory<PartyDbContext> _dbFactory;
    private readonly CartridgeRegistry _games;
    private readonly Dictionary<string, IPackQuestionMapper> _mappers;
    private readonly TimeProvider _time;

    public PackService(IDbContextFactory<PartyDbContext> dbFactory, CartridgeRegistry games, IEnumerable<IPackQuestionMapper> mappers,
        IOptions<PackOptions> options, TimeProvider time)
    {
        _dbFactory = dbFactory;
        _games = games;
        _time = time;
        Options = options.Value;
        _mappers = new Dictionary<string, IPackQuestionMapper>(StringComparer.Ordinal);
        foreach (var mapper in mappers)
        {
            var game = games.Find(mapper.GameKey)
                ?? throw new InvalidOperationException($"A pack question mapper is registered for '{mapper.GameKey}', which is no installed game.");
            if (game is not IQuestionGame questions || questions.QuestionType != mapper.QuestionType)
            {
                throw new InvalidOperationException(
                    $"The pack question mapper for '{mapper.GameKey}' stores {mapper.QuestionType.Name}, but {game.Name} does not play those questions.");
            }

            if (!_mappers.TryAdd(mapper.GameKey, mapper))
            {
                throw new InvalidOperationException($"Two pack question mappers are registered for '{mapper.GameKey}'.");
            }
        }

        // The games and mappers are fixed at start-up; the pages list these on every render.
        Games = [.. games.All.Where(g => _mappers.ContainsKey(g.Key)).OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public PackOptions Options { get; }

    /// <summary>The installed games hosts can write packs for, by name.</summary>
    public IReadOnlyList<ICartridge> Games { get; }

    /// <summary>Each game's mapper, by game key.</summary>
    public IReadOnlyDictionary<string, IPackQuestionMapper> Mappers => _mappers;

    /// <summary>The mapper of a game, or null when it has no own packs.</summary>
    public IPackQuestionMapper? MapperFor(string game) => _mappers.GetValueOrDefault(game);

    /// <summary>A game's name as people read it (its key when it is not installed).</summary>
    public string GameName(string game) => _games.Find(game)?.Name ?? game;

    public async Task<IReadOnlyList<PackSummary>> ListAsync(string ownerId, string? game = null, CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Packs.AsNoTracking().Where(p => p.OwnerId == ownerId);
        if (!string.IsNullOrEmpty(game))
        {
            query = query.Where(p => p.GameKey == game);
        }

        var packs = await query.ToListAsync(cancellationToken);
        return [.. packs.Where(p => _mappers.ContainsKey(p.GameKey))
            .OrderBy(p => p.GameKey, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(Summary)];
    }

    public async Task<Result<PackDetails>> GetAsync(string ownerId, long id, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadAsync(ownerId, [id], cancellationToken);
        return loaded.IsSuccess ? loaded.Value[0] : loaded.Error;
    }

    /// <summary>The game of one of the owner's packs, without reading its questions; <c>pack_not_found</c> as <see cref="GetAsync"/>.</summary>
    public async Task<Result<string>> GameOfAsync(string ownerId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var game = await db.Packs.AsNoTracking().Where(p => p.Id == id && p.OwnerId == ownerId).Select(p => p.GameKey)
            .SingleOrDefaultAsync(cancellationToken);
        return game is not null && _mappers.ContainsKey(game) ? game : PackErrors.NotFound(id);
    }

    /// <summary>The given packs of the owner with their questions, in the order asked; any missing one is <c>pack_not_found</c>.</summary>
    public async Task<Result<IReadOnlyList<PackDetails>>> LoadAsync(string ownerId, IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        // A pack of a game that is no longer installed is as missing as another owner's.
        var packs = (await db.Packs.AsNoTracking().Where(p => ids.Contains(p.Id) && p.OwnerId == ownerId).ToListAsync(cancellationToken))
            .Where(p => _mappers.ContainsKey(p.GameKey))
            .ToDictionary(p => p.Id);
        var missing = ids.FirstOrDefault(id => !packs.ContainsKey(id));
        if (missing != 0)
        {
            return PackErrors.NotFound(missing);
        }

        var questions = new Dictionary<long, IReadOnlyList<IQuestion>>();
        foreach (var group in packs.Values.GroupBy(p => p.GameKey))
        {
            foreach (var (id, list) in await _mappers[group.Key].LoadAsync(db, [.. group.Select(p => p.Id)], cancellationToken))
            {
                questions[id] = list;
            }
        }

        return ids.Select(id => new PackDetails(Summary(packs[id]), questions[id])).ToList();
    }

    /// <summary>Creates a pack (refused past the account's pack limit).</summary>
    public async Task<Result<PackDetails>> CreateAsync(string ownerId, PackDraft draft, CancellationToken cancellationToken = default)
    {
        var valid = Check(draft, draft.Game, new HashSet<string>());
        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        var (name, mapper, language, description, questions) = valid.Value;
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Packs.CountAsync(p => p.OwnerId == ownerId, cancellationToken) >= Options.MaxPacksPerAccount)
        {
            return PackErrors.LimitReached(Options.MaxPacksPerAccount);
        }

        if (await NameTakenAsync(db, ownerId, mapper.GameKey, name, null, cancellationToken))
        {
            return PackErrors.NameTaken(name, GameName(mapper.GameKey));
        }

        var now = Now();
        var pack = new Pack
        {
            OwnerId = ownerId,
            Name = name,
            GameKey = mapper.GameKey,
            Language = language,
            Description = description,
            QuestionCount = questions.Count,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return await SaveAsync(db, pack, mapper, questions, cancellationToken);
    }

    /// <summary>
    /// Replaces a pack's name, language, description and questions. A question keeps its id when the draft gives the id
    /// it already has in this pack; every other question gets a new one. The game cannot change.
    /// </summary>
    public async Task<Result<PackDetails>> UpdateAsync(string ownerId, long id, PackDraft draft, CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var pack = await db.Packs.SingleOrDefaultAsync(p => p.Id == id && p.OwnerId == ownerId, cancellationToken);
        if (pack is null || !_mappers.TryGetValue(pack.GameKey, out var mapper))
        {
            return PackErrors.NotFound(id);
        }

        if (draft.Game is not null && draft.Game != pack.GameKey)
        {
            return GameError.Invalid("game", new FieldError("pack_game_fixed",
                $"This pack is for {GameName(pack.GameKey)}; a pack's game cannot change. Create a new pack instead.", GameName(pack.GameKey)));
        }

        var existing = (await mapper.LoadAsync(db, [id], cancellationToken))[id].Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var valid = Check(draft, pack.GameKey, existing);
        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        var (name, _, language, description, questions) = valid.Value;
        if (await NameTakenAsync(db, ownerId, pack.GameKey, name, id, cancellationToken))
        {
            return PackErrors.NameTaken(name, GameName(pack.GameKey));
        }

        pack.Name = name;
        pack.Language = language;
        pack.Description = description;
        pack.QuestionCount = questions.Count;
        pack.UpdatedAt = Now();
        return await SaveAsync(db, pack, mapper, questions, cancellationToken);
    }

    public async Task<Result<long>> DeleteAsync(string ownerId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        // The questions and the presets' references go with it: their foreign keys cascade in the database.
        var deleted = await db.Packs.Where(p => p.Id == id && p.OwnerId == ownerId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? id : PackErrors.NotFound(id);
    }

    /// <summary>Publishes a pack: it gets a share code (the same one while it stays published) that other hosts copy it with.</summary>
    public async Task<Result<PackSummary>> PublishAsync(string ownerId, long id, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
            var pack = await db.Packs.SingleOrDefaultAsync(p => p.Id == id && p.OwnerId == ownerId, cancellationToken);
            if (pack is null)
            {
                return PackErrors.NotFound(id);
            }

            if (pack.ShareCode is not null)
            {
                return Summary(pack);
            }

            pack.ShareCode = RandomNumberGenerator.GetString(ShareAlphabet, Pack.ShareCodeLength);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return Summary(pack);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Another pack has that code (a one-in-a-trillion draw): draw again.
            }
        }

        throw new InvalidOperationException("No free share code was found.");
    }

    /// <summary>Unpublishes a pack: its code stops working at once. Copies already made stay with their new owners.</summary>
    public async Task<Result<PackSummary>> UnpublishAsync(string ownerId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var pack = await db.Packs.SingleOrDefaultAsync(p => p.Id == id && p.OwnerId == ownerId, cancellationToken);
        if (pack is null)
        {
            return PackErrors.NotFound(id);
        }

        pack.ShareCode = null;
        await db.SaveChangesAsync(cancellationToken);
        return Summary(pack);
    }

    /// <summary>A published pack, by its share code (case-insensitive, dashes and spaces ignored).</summary>
    public async Task<Result<SharedPackView>> GetSharedAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var pack = await FindSharedAsync(db, code, cancellationToken);
        return pack is null
            ? PackErrors.ShareCodeNotFound(code)
            : new SharedPackView(pack.ShareCode!, pack.Name, pack.GameKey, pack.Language, pack.Description, pack.QuestionCount);
    }

    /// <summary>
    /// Copies a published pack into the owner's account: a pack of their own, unpublished, with new question ids; named
    /// like the original, or "… (copy)" when they already have a pack of that name.
    /// </summary>
    public async Task<Result<PackDetails>> CopySharedAsync(string ownerId, string code, CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await FindSharedAsync(db, code, cancellationToken);
        if (source is null)
        {
            return PackErrors.ShareCodeNotFound(code);
        }

        var mapper = _mappers[source.GameKey];
        var questions = (await mapper.LoadAsync(db, [source.Id], cancellationToken))[source.Id];
        var name = source.Name;
        for (var n = 1; await NameTakenAsync(db, ownerId, source.GameKey, name, null, cancellationToken); n++)
        {
            var suffix = n == 1 ? " (copy)" : $" (copy {n})";
            name = source.Name[..Math.Min(source.Name.Length, Pack.MaxNameLength - suffix.Length)] + suffix;
        }

        var draft = new PackDraft(name, source.GameKey, source.Language, source.Description,
            [.. questions.Select((q, i) => new DraftQuestion(q, i))]);
        return await CreateAsync(ownerId, draft, cancellationToken);
    }

    /// <summary>The pack as a file: the built-in JSON format (<c>game</c> included) or the game's CSV layout.</summary>
    public async Task<Result<(string FileName, string ContentType, string Content)>> ExportAsync(string ownerId, long id, string format,
        CancellationToken cancellationToken = default)
    {
        if (format is not ("json" or "csv"))
        {
            return GameError.Invalid("format", new FieldError("export_format", "Export as 'json' or 'csv'."));
        }

        var loaded = await GetAsync(ownerId, id, cancellationToken);
        if (!loaded.IsSuccess)
        {
            return loaded.Error;
        }

        var (pack, questions) = loaded.Value;
        var mapper = _mappers[pack.Game];
        var slug = PackFiles.Slug(pack.Name);
        return format == "json"
            ? ($"{slug}.{pack.Game}.json", PackFiles.JsonContentType, mapper.WritePackFile(slug, pack.Name, pack.Language, pack.Description, questions))
            : ($"{slug}.{pack.Game}.csv", PackFiles.CsvContentType, PackFiles.WriteCsv(mapper, questions));
    }

    /// <summary>Reads an uploaded file as a new pack: JSON in the built-in format, or CSV in the game's layout.</summary>
    /// <param name="game">The game, for CSV (JSON files name their own).</param>
    /// <param name="name">The pack's name, for CSV; for JSON, it replaces the file's when given.</param>
    public Result<PackDraft> ReadFile(string content, bool csv, string? game, string? name, string? language, string? description)
    {
        if (!csv)
        {
            var json = PackFiles.ReadJson(_mappers, game, content);
            return json.IsSuccess
                ? json.Value with { Name = name ?? json.Value.Name, Description = description ?? json.Value.Description, Language = language ?? json.Value.Language }
                : json;
        }

        if (game is null || !_mappers.TryGetValue(game, out var mapper))
        {
            return GameError.Invalid("game", game is null
                ? new FieldError("csv_needs_game", "Say which game the CSV is for: ?game=bluff.")
                : PackErrors.NoSuchGame(game, _mappers.Keys));
        }

        var rows = PackFiles.ReadCsv(mapper, content, Options.MaxQuestionsPerPack);
        return rows.IsSuccess ? new PackDraft(name, game, language ?? "en", description, rows.Value) : rows.Error;
    }

    /// <summary>Imports a file as a new pack: every row meets the rules, or nothing is saved.</summary>
    public async Task<Result<PackDetails>> ImportAsync(string ownerId, PackDraft draft, CancellationToken cancellationToken = default) =>
        draft.Questions.Count == 0
            ? PackErrors.InvalidFile(new FieldError("file_no_questions", "The file has no questions."))
            : await CreateAsync(ownerId, draft, cancellationToken);

    /// <summary>The problems of one question on its own, for an editor checking a row as it is typed.</summary>
    public IReadOnlyList<(string Field, FieldError Problem)> CheckQuestion(string game, IQuestion question, string packName,
        IReadOnlyCollection<(string Field, FieldError Problem)> unreadable)
    {
        var mapper = _mappers[game];
        var identified = mapper.Identify(question, string.IsNullOrWhiteSpace(question.Id) ? "new" : question.Id, CategoryOr(question, packName));
        return [.. unreadable, .. mapper.CheckQuestion(identified, [.. unreadable.Select(u => u.Field)])];
    }

    private Result<(string Name, IPackQuestionMapper Mapper, string Language, string Description, IReadOnlyList<IQuestion> Questions)> Check(
        PackDraft draft, string? game, IReadOnlySet<string> existingIds)
    {
        var errors = new Dictionary<string, FieldError[]>(StringComparer.Ordinal);
        IPackQuestionMapper? mapper = null;
        if (string.IsNullOrWhiteSpace(game))
        {
            errors["game"] = [new FieldError("pack_needs_game", "Say which game the pack is for ('game').")];
        }
        else if (!_mappers.TryGetValue(game, out mapper))
        {
            errors["game"] = [PackErrors.NoSuchGame(game, _mappers.Keys)];
        }

        var name = (draft.Name ?? string.Empty).Trim();
        if (name.Length == 0 || name.Length > Pack.MaxNameLength)
        {
            errors["name"] = [new FieldError("pack_name_length", $"A pack's name is 1–{Pack.MaxNameLength} characters.", Pack.MaxNameLength)];
        }
        else if (name.Any(char.IsControl))
        {
            errors["name"] = [new FieldError("pack_name_control", "A pack's name cannot contain control characters.")];
        }

        var language = (draft.Language ?? "en").Trim();
        if (language.Length > Pack.MaxLanguageLength || !LanguageTag().IsMatch(language))
        {
            errors["language"] = [new FieldError("pack_language_tag", "The language is a language tag such as 'en', 'da' or 'pt-BR'.")];
        }

        var description = (draft.Description ?? string.Empty).Trim();
        if (description.Length > Pack.MaxDescriptionLength)
        {
            errors["description"] = [new FieldError("pack_description_length",
                $"A description is at most {Pack.MaxDescriptionLength} characters.", Pack.MaxDescriptionLength)];
        }
        else if (description.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors["description"] = [new FieldError("pack_description_control", "A description cannot contain control characters.")];
        }

        if (draft.Questions.Count > Options.MaxQuestionsPerPack)
        {
            return PackErrors.TooManyQuestions(draft.Questions.Count, Options.MaxQuestionsPerPack);
        }

        if (mapper is null)
        {
            return Invalid(errors);
        }

        // The server names every question: an id the pack already has is kept (once), any other gets a new one, so ids
        // never clash with built-in questions or with other hosts' packs in a session.
        var used = new HashSet<string>(StringComparer.Ordinal);
        var category = name.Length == 0 ? "Own" : name[..Math.Min(name.Length, ContentLint.MaxCategoryLength)].Trim();
        var questions = draft.Questions
            .Select(d => mapper.Identify(d.Question,
                existingIds.Contains(d.Question.Id ?? string.Empty) && used.Add(d.Question.Id!) ? d.Question.Id! : NewQuestionId(used),
                CategoryOr(d.Question, category)))
            .ToList();

        // Reported row by row, in the pack's order, so the first problem named is the first one in the pack.
        var rows = new List<(int Index, string Key, FieldError Problem)>();
        for (var i = 0; i < draft.Questions.Count; i++)
        {
            rows.AddRange(draft.Questions[i].Unreadable.Select(u => (i, $"{draft.Questions[i].Row}.{u.Field}", LintProblems.OnField(u.Field, u.Problem))));
        }

        foreach (var problem in mapper.CheckPack(language, questions))
        {
            if (problem.Number is { } number && !draft.Questions[number - 1].Unreadable.Any(u => u.Field == problem.Field))
            {
                rows.Add((number - 1, $"{draft.Questions[number - 1].Row}.{problem.Field}", LintProblems.OnField(problem.Field, problem.Problem)));
            }
        }

        foreach (var (_, key, problem) in rows.OrderBy(r => r.Index))
        {
            Add(errors, key, problem);
        }

        return errors.Count > 0 ? Invalid(errors) : (name, mapper, language, description, questions);
    }

    private static string CategoryOr(IQuestion question, string category) =>
        string.IsNullOrWhiteSpace(question.Category) ? category : question.Category.Trim();

    private static string NewQuestionId(HashSet<string> used)
    {
        string id;
        do
        {
            id = "q" + RandomNumberGenerator.GetString(IdAlphabet, 12);
        }
        while (!used.Add(id));

        return id;
    }

    private static void Add(Dictionary<string, FieldError[]> errors, string key, FieldError problem) =>
        errors[key] = errors.TryGetValue(key, out var problems) ? [.. problems, problem] : [problem];

    private static GameError Invalid(Dictionary<string, FieldError[]> errors)
    {
        var (key, problems) = errors.First();
        var count = errors.Sum(e => e.Value.Length);
        var where = QuestionRow().Match(key) is { Success: true } row
            ? row.Groups[1].Value == "rows" ? $"Line {row.Groups[2].Value}: " : $"Question {int.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture) + 1}: "
            : string.Empty;
        var more = count > 1 ? $" ({count - 1} more {(count == 2 ? "problem" : "problems")} below)" : string.Empty;
        return GameError.Fields(ErrorCodes.InvalidInput, $"{where}{problems[0].Message}.{more}", ErrorKind.Invalid, errors);
    }

    private async Task<Result<PackDetails>> SaveAsync(PartyDbContext db, Pack pack, IPackQuestionMapper mapper, IReadOnlyList<IQuestion> questions,
        CancellationToken cancellationToken)
    {
        try
        {
            // Removing the old questions runs at once (ExecuteDelete); the transaction keeps it and the save one change.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (pack.Id == 0)
            {
                db.Packs.Add(pack);
            }

            await mapper.ReplaceAsync(db, pack, questions, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another request took the name between the check and the insert.
            return PackErrors.NameTaken(pack.Name, GameName(pack.GameKey));
        }
        catch (DbUpdateException ex) when (ex.IsForeignKeyViolation())
        {
            return AccountRows.OwnerGone();
        }

        return new PackDetails(Summary(pack), questions);
    }

    private static Task<bool> NameTakenAsync(PartyDbContext db, string ownerId, string game, string name, long? except, CancellationToken cancellationToken) =>
        db.Packs.AnyAsync(p => p.OwnerId == ownerId && p.GameKey == game && p.Name == name && p.Id != except, cancellationToken);

    private static async Task<Pack?> FindSharedAsync(PartyDbContext db, string code, CancellationToken cancellationToken)
    {
        var normalised = new string([.. code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
        return normalised.Length != Pack.ShareCodeLength
            ? null
            : await db.Packs.AsNoTracking().SingleOrDefaultAsync(p => p.ShareCode == normalised, cancellationToken);
    }


    private static PackSummary Summary(Pack pack) =>
        new(pack.Id, PackRefs.Own(pack.Id), pack.Name, pack.GameKey, pack.Language, pack.Description, pack.QuestionCount, pack.ShareCode,
            pack.CreatedAt, pack.UpdatedAt);

    private DateTimeOffset Now() => AccountRows.Now(_time);

    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^(questions|rows)\[(\d+)\]")]
    private static partial Regex QuestionRow();
}
