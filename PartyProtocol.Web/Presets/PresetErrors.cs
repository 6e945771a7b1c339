using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Api;

namespace PartyProtocol.Web.Presets;

/// <summary>The stable error codes of the presets API and the refusals that carry them.</summary>
public static class PresetErrors
{
    public const string PresetNotFoundCode = ApiErrorCodes.PresetNotFound;
    public const string PresetNameTakenCode = "preset_name_taken";

    /// <summary>Also what another account's preset looks like: its existence is not revealed.</summary>
    public static GameError NotFound(long id) =>
        new(PresetNotFoundCode, $"You have no preset with id {id}.", ErrorKind.NotFound);

    public static GameError NameTaken(string name) =>
        GameError.Fields(PresetNameTakenCode, $"You already have a preset called '{name}'.", ErrorKind.Conflict,
            new Dictionary<string, FieldError[]> { ["name"] = [new FieldError("preset_name_taken", $"You already have a preset called '{name}'.", name)] });

    /// <summary>An anonymous caller has no presets: the same not-found, with a hint at why.</summary>
    public static GameError NotFoundSignedOut(long id) =>
        new(PresetNotFoundCode, $"There is no preset {id} for you: presets belong to accounts, so sign in to use yours.", ErrorKind.NotFound);
}
