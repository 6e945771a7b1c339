using System.Security.Claims;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Presets;

/// <summary>A preset's settings, copied out for a new session (editing the preset later changes no running game).</summary>
public sealed record PresetSettings(ICartridge Game, object Settings)
{
    /// <summary>The packs the preset plays (<c>animals</c>, <c>own:12</c>), or null for every built-in pack.</summary>
    public IReadOnlyList<string>? Packs { get; init; }
}

/// <summary>
/// Loads a saved preset for <c>POST /api/sessions</c> with <c>presetId</c> and for the host page's picker.
/// Only the preset's owner may use it: anyone else gets the same "not found" as for a preset that does not exist.
/// </summary>
public interface ISessionPresetSource
{
    Task<Result<PresetSettings>> LoadAsync(long presetId, ClaimsPrincipal user, CancellationToken cancellationToken = default);
}
