using System.Text.Json;

namespace PartyProtocol.Bench.Measurement;

/// <summary>One event envelope as a client received it, stamped on arrival.</summary>
/// <param name="FrameBytes">Size of the raw frame, or 0 when the transport does not expose it.</param>
public sealed record ReceivedEvent(string Type, string Code, long Seq, DateTimeOffset At, JsonElement Data, DateTimeOffset Arrived, int FrameBytes)
{
    /// <summary>Reads <c>{ type, code, seq, at, data }</c>; null when the element is not an event envelope.</summary>
    public static ReceivedEvent? From(JsonElement envelope, DateTimeOffset arrived, int frameBytes)
    {
        if (envelope.ValueKind != JsonValueKind.Object
            || !envelope.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || !envelope.TryGetProperty("seq", out var seq) || !seq.TryGetInt64(out var seqValue)
            || !envelope.TryGetProperty("at", out var at) || !at.TryGetDateTimeOffset(out var atValue))
        {
            return null;
        }

        var code = envelope.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : string.Empty;
        var data = envelope.TryGetProperty("data", out var d) ? d : default;
        return new ReceivedEvent(type.GetString()!, code, seqValue, atValue, data, arrived, frameBytes);
    }

    public DateTimeOffset? DataTime(string property) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(property, out var value) && value.TryGetDateTimeOffset(out var time)
            ? time
            : null;
}
