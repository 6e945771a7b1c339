using System.Runtime.CompilerServices;
using System.Text.Json;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// The JSON text of an event envelope for one viewer. The public envelope of an event is serialised once however many
/// sockets send it; private payloads are serialised for their one player.
/// </summary>
internal static class EventFrames
{
    private static readonly ConditionalWeakTable<GameEvent, byte[]> PublicFrames = [];

    public static byte[] Pong { get; } = JsonSerializer.SerializeToUtf8Bytes(new { type = "pong" }, GameJson.Options);

    public static byte[] For(GameEvent gameEvent, Viewer viewer) =>
        ReferenceEquals(gameEvent.DataFor(viewer), gameEvent.Data)
            ? PublicFrames.GetValue(gameEvent, e => Serialize(e.For(Viewer.Host)))
            : Serialize(gameEvent.For(viewer));

    private static byte[] Serialize(EventEnvelope envelope) => JsonSerializer.SerializeToUtf8Bytes(envelope, GameJson.Options);
}
