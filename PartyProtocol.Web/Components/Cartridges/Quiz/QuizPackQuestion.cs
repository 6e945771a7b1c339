using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Content;
using PartyProtocol.Web.Packs;

namespace PartyProtocol.Web.Components.Cartridges.Quiz;

/// <summary>A question of a host's own Quiz pack: one typed column per <see cref="QuizQuestion"/> field.</summary>
public sealed class QuizPackQuestion : PackQuestionEntity
{
    public string Category { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public List<string> Choices { get; set; } = [];

    /// <summary>The index of the correct choice, from 0 (as in pack files).</summary>
    public int Correct { get; set; }

    public bool FamilyFriendly { get; set; }

    public string? Source { get; set; }

    public int? TimeLimitSeconds { get; set; }
}

/// <summary>Stores own Quiz questions in the <c>QuizPackQuestions</c> table.</summary>
public sealed class QuizPackQuestionMapper : PackQuestionMapper<QuizQuestion, QuizPackQuestion>, IPackQuestionMapper<QuizQuestion>
{
    public override string GameKey => QuizCartridge.GameKey;

    protected override QuestionFormat<QuizQuestion> Format => QuizQuestionFormat.Instance;

    protected override QuestionColumns<QuizQuestion> Table => QuizQuestionColumns.Instance;

    protected override void Configure(EntityTypeBuilder<QuizPackQuestion> entity)
    {
        entity.ToTable("QuizPackQuestions");
        entity.Property(e => e.Category).HasMaxLength(ContentLint.MaxCategoryLength);
        entity.Property(e => e.Text).HasMaxLength(QuizQuestion.MaxTextLength);
        entity.Property(e => e.Source).HasMaxLength(ContentLint.MaxSourceLength);
        entity.PrimitiveCollection(e => e.Choices);
    }

    protected override void CopyTo(QuizQuestion question, QuizPackQuestion entity)
    {
        entity.Category = question.Category.Trim();
        entity.Text = question.Text.Trim();
        entity.Choices = [.. question.Choices.Select(c => c.Trim())];
        entity.Correct = question.Correct;
        entity.FamilyFriendly = question.FamilyFriendly;
        entity.Source = string.IsNullOrWhiteSpace(question.Source) ? null : question.Source.Trim();
        entity.TimeLimitSeconds = question.TimeLimitSeconds;
    }

    protected override QuizQuestion ToQuestion(QuizPackQuestion entity) =>
        new(entity.QuestionId, entity.Category, entity.Text, [.. entity.Choices], entity.Correct, entity.FamilyFriendly, entity.Source,
            entity.TimeLimitSeconds);
}
