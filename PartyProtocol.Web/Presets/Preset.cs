using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Packs;

namespace PartyProtocol.Web.Presets;

/// <summary>
/// A saved set of settings for one game, owned by one account. The platform knows only this row; the game's own
/// settings live in that cartridge's table (see <see cref="IPresetSettingsMapper"/>), one row per preset.
/// </summary>
public sealed class Preset
{
    public const int MaxNameLength = 40;

    public long Id { get; set; }

    public required string OwnerId { get; set; }

    public ApplicationUser? Owner { get; set; }

    /// <summary>Unique per owner, compared without regard to ASCII case.</summary>
    public required string Name { get; set; }

    public required string GameKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Base of every cartridge's settings row: the preset it belongs to is its primary key.</summary>
public abstract class PresetSettingsEntity
{
    public long PresetId { get; set; }

    public Preset Preset { get; set; } = null!;
}

/// <summary>
/// One pack a preset plays: a built-in pack by its key, or one of its owner's own packs. A preset without any plays
/// every built-in pack of its game.
/// </summary>
public sealed class PresetPack
{
    public const int MaxBuiltInLength = 64;

    public long PresetId { get; set; }

    public Preset Preset { get; set; } = null!;

    /// <summary>The pack's place in the preset's choice, from 0.</summary>
    public int Position { get; set; }

    /// <summary>A built-in pack's key, or null for an own pack.</summary>
    public string? BuiltIn { get; set; }

    /// <summary>An own pack, or null for a built-in one. Deleting the pack removes it from the preset.</summary>
    public long? PackId { get; set; }

    public Pack? Pack { get; set; }
}
