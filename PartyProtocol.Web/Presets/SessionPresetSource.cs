using System.Security.Claims;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Accounts;

namespace PartyProtocol.Web.Presets;

/// <summary>Loads a signed-in owner's preset for a new session, through <see cref="PresetService"/>.</summary>
internal sealed class SessionPresetSource(PresetService presets) : ISessionPresetSource
{
    public async Task<Result<PresetSettings>> LoadAsync(long presetId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var ownerId = user.UserId();
        return ownerId is null
            ? PresetErrors.NotFoundSignedOut(presetId)
            : await presets.LoadSettingsAsync(ownerId, presetId, cancellationToken);
    }
}
