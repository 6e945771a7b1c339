using PartyProtocol.Web.Accounts;

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
