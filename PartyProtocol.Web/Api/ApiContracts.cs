using System.Text.Json;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Api;

/// <summary>Body of <c>POST /api/sessions</c>: a game with optional settings, or a saved preset.</summary>
/// <param name="Game">The cartridge key, e.g. <c>bluff</c> (optional with a preset).</param>
/// <param name="Settings">Setting name → value; absent settings take their defaults.</param>
/// <param name="PresetId">A saved preset of the signed-in account (instead of <paramref name="Settings"/>).</param>
/// <param name="Packs">
/// The packs a question game draws from: built-in packs by key (<c>animals</c>), the signed-in account's own by
/// <c>own:&lt;id&gt;</c>. Left out: the preset's packs, or every built-in pack.
/// </param>
/// <param name="Room">The room's own options (streamer mode).</param>
public sealed record CreateSessionRequest(string? Game = null, Dictionary<string, JsonElement>? Settings = null, long? PresetId = null,
    IReadOnlyList<string>? Packs = null, RoomOptions? Room = null);

/// <summary>The body of <c>POST /api/sessions/{code}/again</c>: another game, other settings (both optional).</summary>
public sealed record PlayAgainRequest(string? Game = null, Dictionary<string, JsonElement>? Settings = null);

/// <summary>Body of <c>POST /api/sessions/{code}/players</c>. May be empty when re-attaching with a player token.</summary>
public sealed record JoinRequest(string? Name = null);

/// <summary>An installed game as <c>GET /api/games</c> describes it.</summary>
public sealed record GameDescription(
    string Key,
    string Name,
    string Description,
    int MinPlayers,
    int MaxPlayers,
    IReadOnlyList<SettingDescription> Settings,
    IReadOnlyList<PhaseDescription> Phases,
    IReadOnlyList<MoveDescription> Moves,
    IReadOnlyList<ErrorDescription> Errors,
    IReadOnlyList<string> Events)
{
    /// <summary>A question game's built-in packs, the keys <c>"packs"</c> chooses them by; null for a game without questions.</summary>
    public IReadOnlyList<PackDescription>? Packs { get; init; }

    public static GameDescription From(ICartridge cartridge) => new(
        cartridge.Key,
        cartridge.Name,
        cartridge.Description,
        cartridge.MinPlayers,
        cartridge.MaxPlayers,
        cartridge.Settings.Select(s => new SettingDescription(s.Name, s.Type, s.Default, s.Min, s.Max, s.Allowed, s.Options,
            s.Type == SettingType.MultiChoice ? s.MinSelected : null, s.Description)).ToList(),
        cartridge.Phases.Select(p => new PhaseDescription(p.Name, p.Description, p.Timed, p.Moves)).ToList(),
        cartridge.Moves.Select(m => new MoveDescription(m.Name, m.Actor, $"/api/sessions/{{code}}/{m.Route}", $"/api/sessions/{{code}}/moves/{m.Name}",
            m.Description, m.PayloadType is null ? null : JsonBodies.Fields(m.PayloadType))).ToList(),
        cartridge.Errors.Select(e => new ErrorDescription(e.Code, ApiProblem.StatusCodeFor(e.Kind), e.Description)).ToList(),
        cartridge.Events.Select(e => e.Type).ToList())
    {
        Packs = cartridge is IQuestionGame questions ? PackDescription.Of(questions.Library) : null,
    };
}

/// <summary>A built-in question pack of a game.</summary>
/// <param name="Key">What <c>"packs"</c> chooses it by, e.g. <c>animals</c>.</param>
public sealed record PackDescription(string Key, string Name, string Language, int Questions)
{
    public static IReadOnlyList<PackDescription> Of(IQuestionLibrary library) =>
        [.. library.Packs.GroupBy(p => p.Pack).Select(g => new PackDescription(g.Key, g.First().Name, g.First().Language, library.CountIn(g.Key)))];
}

/// <summary>A setting with its default and bounds.</summary>
/// <param name="Default">A number, true/false, an option's value, or an array of option values.</param>
/// <param name="Options">The options of a <c>choice</c> or <c>multi_choice</c> setting.</param>
/// <param name="MinSelected">The fewest options a <c>multi_choice</c> setting accepts.</param>
public sealed record SettingDescription(string Name, SettingType Type, JsonElement Default, double? Min, double? Max,
    IReadOnlyList<double>? Allowed, IReadOnlyList<SettingOption>? Options, int? MinSelected, string Description);

/// <summary>A phase of a game and the moves it allows.</summary>
public sealed record PhaseDescription(string Name, string Description, bool Timed, IReadOnlyList<string> Moves);

/// <summary>
/// A move of a game: who makes it, the game's own path to POST it to, the same move by name under <c>moves/</c>, and
/// its body's fields (name → JSON type).
/// </summary>
public sealed record MoveDescription(string Name, MoveActor Actor, string Path, string ByName, string Description,
    IReadOnlyDictionary<string, string>? Body);

/// <summary>An error code of the game's own, with its HTTP status.</summary>
public sealed record ErrorDescription(string Code, int Status, string Description);
