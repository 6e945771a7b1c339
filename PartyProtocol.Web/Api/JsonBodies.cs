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
            return (null, Invalid("body",
                $"The body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})."));
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
                    : Invalid("body", "The request body could not be read."));
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
            return required ? (null, Invalid("body", $"This request needs a JSON object with {FieldList(typeof(T))}.")) : (null, null);
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
                : (null, Invalid("body", $"'{move.Name}' takes no body."));
        }

        if (body is null or { ValueKind: JsonValueKind.Null })
        {
            return (null, Invalid("body", $"'{move.Name}' needs a JSON object with {FieldList(move.PayloadType)}."));
        }

        var problem = Check(move.PayloadType, body.Value, out var value);
        return (value, problem);
    }

    public static ApiProblem Invalid(string field, string message) =>
        ApiProblem.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidInput, message,
            new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

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
            return Invalid("body", $"The body must be a JSON object with {FieldList(type)}.");
        }

        var properties = GameJson.Strict.GetTypeInfo(type).Properties;
        foreach (var property in body.EnumerateObject())
        {
            if (!properties.Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return Invalid(property.Name, $"'{property.Name}' is not a field of this request; it takes {FieldList(type)}.");
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
            return Invalid(field, declared is null
                ? $"'{field}' is not valid here."
                : $"'{field}' must be {Describe(field == declared.Name ? declared.PropertyType : ElementType(declared.PropertyType))}.");
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

    private static string FieldList(Type type) =>
        string.Join(", ", GameJson.Strict.GetTypeInfo(type).Properties.Select(p => $"'{p.Name}' ({Describe(p.PropertyType)})"));

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
