using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartyProtocol.Core.Engine;

/// <summary>The one JSON shape of the platform: camelCase, enums as camelCase strings, nulls left out.</summary>
public static class GameJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Like <see cref="Options"/> but refusing unknown properties: for what clients send.</summary>
    public static JsonSerializerOptions Strict { get; } = new(Create()) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
