using System.Text.Json;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Api;

/// <summary>Body of <c>POST /api/sessions</c>: a game with optional settings, or a saved preset.</summary>
/// <param name="Game">The cartridge key, e.g. <c>bluff</c> (optional with a preset).</param>
/// <param name="Settings">Setting name → value; absent settings take their defaults.</param>
/// <param name="PresetId">A saved preset of the signed-in account (instead of <paramref name="Settings"/>).</param>
public sealed record CreateSessionRequest(string? Game = null, Dictionary<string, JsonElement>? Settings = null, long? PresetId = null);

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
    IReadOnlyList<MoveDescription> Moves)
{
    public static GameDescription From(ICartridge cartridge) => new(
        cartridge.Key,
        cartridge.Name,
        cartridge.Description,
        cartridge.MinPlayers,
        cartridge.MaxPlayers,
        cartridge.Settings.Select(s => new SettingDescription(s.Name, s.Type, s.DefaultValue, s.Min, s.Max, s.Allowed, s.Description)).ToList(),
        cartridge.Phases.Select(p => new PhaseDescription(p.Name, p.Description, p.Timed)).ToList(),
        cartridge.Moves.Select(m => new MoveDescription(m.Name, m.Actor, $"/api/sessions/{{code}}/{m.Route}", m.Description,
            m.PayloadType is null ? null : JsonBodies.Fields(m.PayloadType))).ToList());
}

/// <summary>A setting with its default and bounds.</summary>
/// <param name="Default">A number, or true/false for boolean settings.</param>
public sealed record SettingDescription(string Name, SettingType Type, object Default, double? Min, double? Max,
    IReadOnlyList<double>? Allowed, string Description);

/// <summary>A phase of a game.</summary>
public sealed record PhaseDescription(string Name, string Description, bool Timed);

/// <summary>A move of a game: who makes it, where to POST it, and its body's fields (name → JSON type).</summary>
public sealed record MoveDescription(string Name, MoveActor Actor, string Path, string Description, IReadOnlyDictionary<string, string>? Body);
