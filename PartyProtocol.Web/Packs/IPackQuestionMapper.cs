using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Persistence;

namespace PartyProtocol.Web.Packs;

/// <summary>
/// One game's half of hosts' own packs: its question shape and rules, its table layout (CSV and editor), its pack file
/// format, and the table its questions are stored in. The platform (<see cref="PackService"/>) handles the packs and
/// never looks at a question's fields. A game brings one with <c>CartridgeModuleBuilder.CustomPacks</c>.
/// </summary>
public interface IPackQuestionMapper
{
    /// <summary>The cartridge key whose questions this mapper stores.</summary>
    string GameKey { get; }

    /// <summary>The game's question record (must equal the cartridge's <see cref="IQuestionGame.QuestionType"/>).</summary>
    Type QuestionType { get; }

    /// <summary>The game's questions as rows of cells: its CSV layout and the editor's columns.</summary>
    IQuestionColumns Columns { get; }

    /// <summary>Adds the question table and its link to <see cref="Pack"/> to the model.</summary>
    void ConfigureModel(ModelBuilder modelBuilder);

    /// <summary>The question with the server's id and, when it has none, the pack's name as its category.</summary>
    IQuestion Identify(IQuestion question, string id, string category);

    /// <summary>
    /// The problems of one question under the rules every pack meets (the game's own and the shared content lint),
    /// without requiring a source. Problems of <paramref name="unreadable"/> fields (cells that could not be read) are
    /// left out: the reason they could not be read is the better message.
    /// </summary>
    IReadOnlyList<(string Field, FieldError Problem)> CheckQuestion(IQuestion question, IReadOnlyCollection<string>? unreadable = null);

    /// <summary>The problems of a whole pack: every question's, plus those between questions (repeated ids, near-duplicates).</summary>
    IReadOnlyList<ContentProblem> CheckPack(string language, IReadOnlyList<IQuestion> questions);

    /// <summary>Reads one question of the pack file format from JSON, strictly (unknown fields and wrong types refused).</summary>
    (IQuestion? Question, FieldError? Problem) ReadJson(JsonElement json);

    /// <summary>Reads a whole pack file (the built-in format).</summary>
    /// <exception cref="QuestionPackException">It is not a pack file of this game.</exception>
    (PackInfo Info, IReadOnlyList<IQuestion> Questions) ReadPackFile(string json);

    /// <summary>Writes a pack file in the built-in format, <c>game</c> included, so it can be dropped into the extra packs folder.</summary>
    string WritePackFile(string key, string name, string language, string? description, IReadOnlyList<IQuestion> questions);

    /// <summary>Replaces the stored questions of <paramref name="pack"/> with <paramref name="questions"/>, in the caller's transaction.</summary>
    Task ReplaceAsync(PartyDbContext db, Pack pack, IReadOnlyList<IQuestion> questions, CancellationToken cancellationToken);

    /// <summary>The questions of the given packs, in their order (pack id → questions).</summary>
    Task<IReadOnlyDictionary<long, IReadOnlyList<IQuestion>>> LoadAsync(PartyDbContext db, IReadOnlyCollection<long> packIds,
        CancellationToken cancellationToken);
}

/// <summary>The usual shape of a mapper: the game's question record ↔ a typed row with one column per field.</summary>
public abstract class PackQuestionMapper<TQuestion, TEntity> : IPackQuestionMapper
    where TQuestion : class, IQuestion
    where TEntity : PackQuestionEntity, new()
{
    public abstract string GameKey { get; }

    public Type QuestionType => typeof(TQuestion);

    /// <summary>The game's question shape and rules.</summary>
    protected abstract QuestionFormat<TQuestion> Format { get; }

    /// <summary>The game's table of questions.</summary>
    protected abstract QuestionColumns<TQuestion> Table { get; }

    public IQuestionColumns Columns => Table;

    /// <summary>Copies a question's fields onto its row (the id and the position are set by the base class).</summary>
    protected abstract void CopyTo(TQuestion question, TEntity entity);

    /// <summary>Rebuilds the question from its row.</summary>
    protected abstract TQuestion ToQuestion(TEntity entity);

    /// <summary>Names the table and shapes the columns.</summary>
    protected abstract void Configure(EntityTypeBuilder<TEntity> entity);

    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        var entity = modelBuilder.Entity<TEntity>();
        entity.HasKey(e => e.Id);
        entity.Property(e => e.QuestionId).IsRequired().HasMaxLength(PackQuestionEntity.MaxQuestionIdLength);
        entity.HasOne(e => e.Pack)
            .WithMany()
            .HasForeignKey(e => e.PackId)
            .OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(e => new { e.PackId, e.Position }).IsUnique();
        Configure(entity);
    }

    public IQuestion Identify(IQuestion question, string id, string category) => Format.With((TQuestion)question, id, category);

    public IReadOnlyList<(string Field, FieldError Problem)> CheckQuestion(IQuestion question, IReadOnlyCollection<string>? unreadable = null) =>
        [.. ContentLint.CheckQuestion(Format, string.Empty, 1, (TQuestion)question, requireSource: false)
            .Where(p => unreadable is null || !unreadable.Contains(p.Field))
            .Select(p => (p.Field, p.Problem))];

    public IReadOnlyList<ContentProblem> CheckPack(string language, IReadOnlyList<IQuestion> questions) =>
        ContentLint.Check(Format, [(new PackInfo("own", "own", language, "pack"), (IReadOnlyList<TQuestion>)[.. questions.Cast<TQuestion>()])],
            requireSource: false);

    public (IQuestion? Question, FieldError? Problem) ReadJson(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return (null, new FieldError("question_not_object", "must be a JSON object"));
        }

        try
        {
            return (json.Deserialize<TQuestion>(GameJson.Strict), null);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
            return (null, path is null
                ? new FieldError("question_not_of_game", "is not a question of this game")
                : new FieldError("question_field_not_valid", $"field '{path}' is not valid here", path));
        }
    }

    public (PackInfo Info, IReadOnlyList<IQuestion> Questions) ReadPackFile(string json)
    {
        var (info, questions) = QuestionLibrary<TQuestion>.Parse(Format, "pack", json);
        return (info, [.. questions]);
    }

    public string WritePackFile(string key, string name, string language, string? description, IReadOnlyList<IQuestion> questions) =>
        JsonSerializer.Serialize(
            new QuestionPack<TQuestion>(key, name, language, [.. questions.Cast<TQuestion>()])
            {
                Game = GameKey,
                Description = string.IsNullOrWhiteSpace(description) ? null : description,
            },
            PackFileJson);

    public async Task ReplaceAsync(PartyDbContext db, Pack pack, IReadOnlyList<IQuestion> questions, CancellationToken cancellationToken)
    {
        if (pack.Id != 0)
        {
            await db.Set<TEntity>().Where(e => e.PackId == pack.Id).ExecuteDeleteAsync(cancellationToken);
        }

        for (var i = 0; i < questions.Count; i++)
        {
            var question = (TQuestion)questions[i];
            var row = new TEntity { Pack = pack, Position = i, QuestionId = question.Id };
            CopyTo(question, row);
            db.Set<TEntity>().Add(row);
        }
    }

    public async Task<IReadOnlyDictionary<long, IReadOnlyList<IQuestion>>> LoadAsync(PartyDbContext db, IReadOnlyCollection<long> packIds,
        CancellationToken cancellationToken)
    {
        var rows = await db.Set<TEntity>().AsNoTracking()
            .Where(e => packIds.Contains(e.PackId))
            .OrderBy(e => e.PackId).ThenBy(e => e.Position)
            .ToListAsync(cancellationToken);
        return packIds.ToDictionary(id => id, id => (IReadOnlyList<IQuestion>)[.. rows.Where(r => r.PackId == id).Select(r => (IQuestion)ToQuestion(r))]);
    }

    /// <summary>Pack files are read by people too: indented, like the built-in ones.</summary>
    private static readonly JsonSerializerOptions PackFileJson = new(GameJson.Options) { WriteIndented = true };
}

/// <summary>A game's own-pack mapper for the question record <typeparamref name="TQuestion"/> (checked when a module registers it).</summary>
public interface IPackQuestionMapper<TQuestion> : IPackQuestionMapper where TQuestion : class, IQuestion;
