using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Content;
using PartyProtocol.Web.Packs;
// The big screen's BluffQuestion component has the record's name in this namespace.
using Question = PartyProtocol.Core.Cartridges.Bluff.BluffQuestion;

namespace PartyProtocol.Web.Components.Cartridges.Bluff;

/// <summary>A question of a host's own Bluff pack: one typed column per <see cref="Question"/> field.</summary>
public sealed class BluffPackQuestion : PackQuestionEntity
{
    public string Category { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public string Truth { get; set; } = string.Empty;

    public List<string> Alternates { get; set; } = [];

    public List<string> Decoys { get; set; } = [];

    public bool FamilyFriendly { get; set; }

    public string? Source { get; set; }
}

/// <summary>Stores own Bluff questions in the <c>BluffPackQuestions</c> table.</summary>
public sealed class BluffPackQuestionMapper : PackQuestionMapper<Question, BluffPackQuestion>, IPackQuestionMapper<Question>
{
    public override string GameKey => BluffCartridge.GameKey;

    protected override QuestionFormat<Question> Format => BluffQuestionFormat.Instance;

    protected override QuestionColumns<Question> Table => BluffQuestionColumns.Instance;

    protected override void Configure(EntityTypeBuilder<BluffPackQuestion> entity)
    {
        entity.ToTable("BluffPackQuestions");
        entity.Property(e => e.Category).HasMaxLength(ContentLint.MaxCategoryLength);
        entity.Property(e => e.Text).HasMaxLength(Question.MaxTextLength);
        entity.Property(e => e.Truth).HasMaxLength(Question.MaxAnswerLength);
        entity.Property(e => e.Source).HasMaxLength(ContentLint.MaxSourceLength);
        // Primitive collections: a JSON array in SQLite, an array column in PostgreSQL.
        entity.PrimitiveCollection(e => e.Alternates);
        entity.PrimitiveCollection(e => e.Decoys);
    }

    protected override void CopyTo(Question question, BluffPackQuestion entity)
    {
        entity.Category = question.Category.Trim();
        entity.Text = question.Text.Trim();
        entity.Truth = question.Truth.Trim();
        entity.Alternates = [.. question.Alternates.Select(a => a.Trim())];
        entity.Decoys = [.. question.Decoys.Select(d => d.Trim())];
        entity.FamilyFriendly = question.FamilyFriendly;
        entity.Source = string.IsNullOrWhiteSpace(question.Source) ? null : question.Source.Trim();
    }

    protected override Question ToQuestion(BluffPackQuestion entity) =>
        new(entity.QuestionId, entity.Category, entity.Text, entity.Truth, [.. entity.Alternates], [.. entity.Decoys], entity.FamilyFriendly, entity.Source);
}
