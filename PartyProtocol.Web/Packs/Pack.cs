using PartyProtocol.Web.Accounts;

namespace PartyProtocol.Web.Packs;

/// <summary>
/// A question pack a host wrote (or imported, or copied from another host), owned by one account. The platform knows
/// only this row; the questions live in the game's own table (see <see cref="IPackQuestionMapper"/>), one row each.
/// </summary>
public sealed class Pack
{
    public const int MaxNameLength = 60;
    public const int MaxLanguageLength = 35;
    public const int MaxDescriptionLength = 500;
    public const int ShareCodeLength = 8;

    public long Id { get; set; }

    public required string OwnerId { get; set; }

    public ApplicationUser? Owner { get; set; }

    /// <summary>Unique per owner and game, compared without regard to case.</summary>
    public required string Name { get; set; }

    public required string GameKey { get; set; }

    /// <summary>The language its questions are written in, as a BCP 47 tag (<c>en</c>, <c>da</c>, <c>pt-BR</c>).</summary>
    public required string Language { get; set; }

    public string Description { get; set; } = string.Empty;

    /// <summary>How many questions the game's table holds for the pack (kept with every save, for lists).</summary>
    public int QuestionCount { get; set; }

    /// <summary>While the pack is published: the code other hosts copy it with. Null when it is not shared.</summary>
    public string? ShareCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Base of every game's question row: the pack it belongs to, its place in the pack and its id.</summary>
public abstract class PackQuestionEntity
{
    public const int MaxQuestionIdLength = 40;

    public long Id { get; set; }

    public long PackId { get; set; }

    public Pack Pack { get; set; } = null!;

    /// <summary>The question's place in its pack, from 0.</summary>
    public int Position { get; set; }

    /// <summary>The question's id (given by the server), unique among all packs; exported as <c>id</c>.</summary>
    public string QuestionId { get; set; } = string.Empty;
}
