using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// The JSON text of an event envelope for one viewer. The public envelope of an event is serialised once however many
/// connections send it, over either transport; private payloads are serialised for their one player.
/// </summary>
internal static class EventFrames
{
    private static readonly ConditionalWeakTable<GameEvent, JsonFrame> PublicFrames = [];

    public static byte[] Pong { get; } = JsonSerializer.SerializeToUtf8Bytes(new { type = "pong" }, GameJson.Options);

    public static JsonFrame For(GameEvent gameEvent, Viewer viewer) =>
        ReferenceEquals(gameEvent.DataFor(viewer), gameEvent.Data)
            ? PublicFrames.GetValue(gameEvent, e => Serialize(e.For(Viewer.Host)))
            : Serialize(gameEvent.For(viewer));

    private static JsonFrame Serialize(EventEnvelope envelope) => new(JsonSerializer.SerializeToUtf8Bytes(envelope, GameJson.Options));
}

/// <summary>
/// JSON already serialised. The WebSocket sends <see cref="Utf8"/> as a text frame; as a SignalR argument it is written
/// into the hub message as it is (<see cref="Converter"/>), so a hub connection costs a copy, not a serialisation.
/// </summary>
[JsonConverter(typeof(Converter))]
internal sealed class JsonFrame(byte[] utf8)
{
    public byte[] Utf8 { get; } = utf8;

    internal sealed class Converter : JsonConverter<JsonFrame>
    {
        public override JsonFrame Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Frames are only ever written.");

        // The bytes came from JsonSerializer with the platform's options: valid JSON, and the same text SignalR would write.
        public override void Write(Utf8JsonWriter writer, JsonFrame value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8, skipInputValidation: true);
    }
}
