using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Events;

/// <summary>
/// One change in one session. <see cref="Seq"/> starts at 1 per session and rises by exactly 1 per event; every
/// viewer receives every event, but a player may receive a private payload in place of <see cref="Data"/>.
/// </summary>
public sealed record GameEvent(string Type, string Code, long Seq, DateTimeOffset At, object Data)
{
    /// <summary>Payloads replacing <see cref="Data"/> for given player ids (e.g. answers without one's own lie).</summary>
    public IReadOnlyDictionary<string, object>? PerPlayer { get; init; }

    /// <summary>The instance that committed the change (multi-instance mode uses it to drop its own echoes).</summary>
    public string? Origin { get; init; }

    /// <summary>The payload <paramref name="viewer"/> may see.</summary>
    public object DataFor(Viewer viewer) =>
        viewer.Kind == ViewerKind.Player && viewer.PlayerId is { } id && PerPlayer is not null && PerPlayer.TryGetValue(id, out var own)
            ? own
            : Data;

    /// <summary>The wire shape for one viewer: <c>{ type, code, seq, at, data }</c>.</summary>
    public EventEnvelope For(Viewer viewer) => new(Type, Code, Seq, At.ToUniversalTime(), DataFor(viewer));
}

/// <summary>The JSON every transport sends: <c>{ "type", "code", "seq", "at", "data" }</c>.</summary>
public sealed record EventEnvelope(string Type, string Code, long Seq, DateTimeOffset At, object Data);
