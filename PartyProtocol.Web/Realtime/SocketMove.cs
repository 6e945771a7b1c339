using System.Text.Json;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Api;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// A move sent over the plain WebSocket: <c>{"type":"move","id":"v1","move":"vote","payload":{…}}</c> (<c>id</c>
/// optional, a string of at most <see cref="MaxIdLength"/> characters, echoed in the answer; <c>payload</c> as the
/// move's REST body, left out for moves without one). The answer is
/// <c>{"type":"reply","id":"v1","ok":true,"seq":…,"result":…}</c> or
/// <c>{"type":"reply","id":"v1","ok":false,"error":{…}}</c>, with the problem REST would answer in <c>error</c>.
/// It saves a phone an HTTP request per move on a connection it keeps open anyway — with a crowd voting at once, most
/// of what each vote cost.
/// </summary>
/// <param name="Id">The client's id for the move, echoed in its reply.</param>
/// <param name="Name">The move's name; null when <paramref name="Problem"/> says the message is malformed.</param>
/// <param name="Payload">The move's payload, detached from the receive buffer.</param>
/// <param name="Problem">Why the message cannot be made as a move.</param>
public sealed record SocketMove(string? Id, string? Name, JsonElement? Payload, ApiProblem? Problem)
{
    public const string MessageType = "move";

    public const string ReplyType = "reply";

    public const int MaxIdLength = 64;

    /// <summary>The move a text message asks for, or null when it is not one (not JSON, not an object, another type).</summary>
    public static SocketMove? Read(ReadOnlySpan<byte> message)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(message);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || !type.ValueEquals(MessageType))
            {
                return null;
            }

            string? id = null;
            if (root.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
            {
                if (idElement.ValueKind != JsonValueKind.String || idElement.GetString()!.Length > MaxIdLength)
                {
                    return Malformed(null, "id", new FieldError("move_id_invalid", $"A move's 'id' is a string of at most {MaxIdLength} characters.", MaxIdLength));
                }

                id = idElement.GetString();
            }

            if (!root.TryGetProperty("move", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
            {
                return Malformed(id, "move", new FieldError("move_name_needed", "Name the move in 'move', e.g. {\"type\":\"move\",\"move\":\"vote\",\"payload\":{…}}."));
            }

            JsonElement? payload = root.TryGetProperty("payload", out var body) ? body.Clone() : null;
            return new SocketMove(id, name.GetString(), payload, null);
        }
    }

    /// <summary>The reply frame for a move: <see cref="HubReply"/>'s fields with <c>type</c> and the move's <c>id</c>.</summary>
    public static byte[] Answer(string? id, HubReply reply) =>
        JsonSerializer.SerializeToUtf8Bytes(new Reply(ReplyType, id, reply.Ok, reply.Seq, reply.Result, reply.Error), GameJson.Options);

    private static SocketMove Malformed(string? id, string field, FieldError error) => new(id, null, null, JsonBodies.Invalid(field, error));

    private sealed record Reply(string Type, string? Id, bool Ok, long? Seq, object? Result, ApiProblem? Error);
}
