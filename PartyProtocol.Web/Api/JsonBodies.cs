using System.Buffers;
using System.Collections;
using System.Text.Json;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Api;

/// <summary>
/// Reads and checks what clients send, the same way for REST and the hub: at most <see cref="MaxBytes"/> of JSON (or an
/// endpoint's <see cref="ApiBodyLimit"/>),
/// only the fields the target record declares, each of the right JSON type. Every failure is a 400
/// <c>invalid_input</c> (413 <c>payload_too_large</c>, 415 <c>unsupported_media_type</c>) naming the field at fault,
/// so a bad body never reaches the game, let alone the exception handler.
/// </summary>
public static class JsonBodies
{
    /// <summary>The largest request body the API reads (a lie is 60 characters; nothing legitimate comes close).</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    /// <summary>Reads the body as one JSON value; <c>null</c> for an empty body.</summary>
    public static async Task<(JsonElement? Body, ApiProblem? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken,
        int maxBytes = MaxBytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var (total, problem) = await ReadIntoAsync(request, buffer, maxBytes, cancellationToken);
            return problem is not null ? (null, problem)
                : buffer.AsSpan(0, total).Trim(" \t\r\n"u8).IsEmpty ? (null, null)
                : Parse(request, buffer.AsMemory(0, total));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads the whole body, at most <paramref name="maxBytes"/> of it (413 <c>payload_too_large</c> beyond); null for
    /// an empty body. For endpoints that take other content than JSON (a CSV file).
    /// </summary>
    public static async Task<(byte[]? Body, ApiProblem? Problem)> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var (total, problem) = await ReadIntoAsync(request, buffer, maxBytes, cancellationToken);
            return problem is not null ? (null, problem)
                : buffer.AsSpan(0, total).Trim(" \t\r\n"u8).IsEmpty ? (null, null)
                : (buffer[..total], null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses a body as one JSON value, refusing any content type but JSON.</summary>
    public static (JsonElement? Body, ApiProblem? Problem) Parse(HttpRequest request, ReadOnlyMemory<byte> bytes)
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblem.Create(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType,
                "Send the body as JSON with 'Content-Type: application/json'."));
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, DocumentOptions);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            var (line, position) = ((ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1);
            return (null, Invalid("body", new FieldError("body_not_json", $"The body is not valid JSON (line {line}, byte {position}).", line, position)));
        }
    }

    private static async Task<(int Total, ApiProblem? Problem)> ReadIntoAsync(HttpRequest request, byte[] buffer, int maxBytes,
        CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (0, TooLarge(maxBytes));
        }

        var total = 0;
        while (true)
        {
            int read;
            try
            {
                read = await request.Body.ReadAsync(buffer.AsMemory(total, maxBytes + 1 - total), cancellationToken);
            }
            catch (BadHttpRequestException ex)
            {
                return (0, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? TooLarge(maxBytes)
                    : Invalid("body", new FieldError("body_unreadable", "The request body could not be read.")));
            }

            if (read == 0)
            {
                return (total, null);
            }

            total += read;
            if (total > maxBytes)
            {
                return (0, TooLarge(maxBytes));
            }
        }
    }

    /// <summary>Binds a JSON object strictly to <typeparamref name="T"/>: unknown fields and wrong types are refused.</summary>
    public static (T? Value, ApiProblem? Problem) Bind<T>(JsonElement? body, bool required) where T : class
    {
        if (body is null or { ValueKind: JsonValueKind.Null })
        {
            return required
                ? (null, Invalid("body", Listing("body_needs_object", fields => $"This request needs a JSON object with {fields}.", typeof(T))))
                : (null, null);
        }

        var problem = Check(typeof(T), body.Value, out var value);
        return (value as T, problem);
    }

    /// <summary>
    /// Binds a move's payload once: a move without a <see cref="MoveDefinition.PayloadType"/> takes no body (nothing,
    /// <c>null</c> or <c>{}</c>); otherwise the body must bind strictly to the payload record, which is returned so the
    /// game service gets the typed record and does not parse the JSON again.
    /// </summary>
    public static (object? Payload, ApiProblem? Problem) BindPayload(MoveDefinition move, JsonElement? body)
    {
        if (move.PayloadType is null)
        {
            return body is null or { ValueKind: JsonValueKind.Null }
                || (body.Value.ValueKind == JsonValueKind.Object && !body.Value.EnumerateObject().Any())
                ? (null, null)
                : (null, Invalid("body", new FieldError("move_takes_no_body", $"'{move.Name}' takes no body.", move.Name)));
        }

        if (body is null or { ValueKind: JsonValueKind.Null })
        {
            var fields = FieldList(move.PayloadType);
            return (null, Invalid("body", new FieldError("move_needs_object", $"'{move.Name}' needs a JSON object with {Joined(fields)}.", move.Name, fields)));
        }

        var problem = Check(move.PayloadType, body.Value, out var value);
        return (value, problem);
    }

    /// <summary>A 400 <c>invalid_input</c> naming the field at fault, worded in the request's language.</summary>
    public static ApiProblem Invalid(string field, FieldError error) =>
        ApiProblem.From(GameError.Invalid(field, error) with { Kind = ErrorKind.BadRequest });

    public static ApiProblem TooLarge(long maxBytes = MaxBytes) =>
        ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, ApiErrorCodes.PayloadTooLarge,
            maxBytes >= 1024 * 1024 && maxBytes % (1024 * 1024) == 0
                ? $"Request bodies here are limited to {maxBytes / (1024 * 1024)} MB."
                : $"Request bodies are limited to {maxBytes / 1024} KB.");

    private static ApiProblem? Check(Type type, JsonElement body, out object? value)
    {
        value = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Invalid("body", Listing("body_must_be_object", fields => $"The body must be a JSON object with {fields}.", type));
        }

        var properties = GameJson.Strict.GetTypeInfo(type).Properties;
        foreach (var property in body.EnumerateObject())
        {
            if (!properties.Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                var fields = FieldList(type);
                return Invalid(property.Name, new FieldError("unknown_field",
                    $"'{property.Name}' is not a field of this request; it takes {Joined(fields)}.", property.Name, fields));
            }
        }

        try
        {
            value = body.Deserialize(type, GameJson.Strict);
            return null;
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            var top = field.Split('.', '[')[0];
            var declared = properties.FirstOrDefault(p => string.Equals(p.Name, top, StringComparison.OrdinalIgnoreCase));
            if (declared is null)
            {
                return Invalid(field, new FieldError("field_not_valid", $"'{field}' is not valid here.", field));
            }

            var expected = TypeOf(field == declared.Name ? declared.PropertyType : ElementType(declared.PropertyType));
            return Invalid(field, new FieldError("field_must_be", $"'{field}' must be {expected}.", field, expected));
        }
    }

    /// <summary>A record's JSON fields and their JSON types, for describing move bodies.</summary>
    public static IReadOnlyDictionary<string, string> Fields(Type type) =>
        GameJson.Strict.GetTypeInfo(type).Properties.ToDictionary(p => p.Name, p => JsonTypeName(p.PropertyType), StringComparer.Ordinal);

    private static string JsonTypeName(Type type) => Describe(type) switch
    {
        "a string" => "string",
        "true or false" => "boolean",
        "a whole number" => "integer",
        "a number" => "number",
        "an array" => "array",
        "a JSON value" => "any",
        _ => "object",
    };

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }

    /// <summary>A record's fields, each with its JSON type: <c>'text' (a string), 'rounds' (a whole number)</c>.</summary>
    private static FieldError[] FieldList(Type type) =>
        [.. GameJson.Strict.GetTypeInfo(type).Properties.Select(p => FieldOfType(p.Name, TypeOf(p.PropertyType)))];

    private static FieldError FieldOfType(string name, FieldError type) => new("field_of_type", $"'{name}' ({type})", name, type);

    private static string Joined(FieldError[] fields) => string.Join(", ", fields.Select(f => f.Message));

    private static FieldError Listing(string code, Func<string, string> english, Type type)
    {
        var fields = FieldList(type);
        return new FieldError(code, english(Joined(fields)), (object)fields);
    }

    /// <summary>A JSON type as a sentence names it ("a whole number"), by its code (<c>json_integer</c>).</summary>
    private static FieldError TypeOf(Type type) => new("json_" + JsonTypeName(type), Describe(type));

    private static Type ElementType(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is { Length: > 0 } args ? args[^1] : type;

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            return "a whole number";
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "a number";
        }

        if (type == typeof(JsonElement))
        {
            return "a JSON value";
        }

        if (typeof(IDictionary).IsAssignableFrom(type)
            || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
        {
            return "an object";
        }

        return typeof(IEnumerable).IsAssignableFrom(type) ? "an array" : "an object";
    }
}

/// <summary>Endpoint metadata: this endpoint reads bodies up to <paramref name="MaxBytes"/> (pack files) instead of <see cref="JsonBodies.MaxBytes"/>.</summary>
public sealed record ApiBodyLimit(int MaxBytes);
