using System.Text.Json;
using System.Text.Json.Serialization;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Composition;

/// <summary>Gives ASP.NET Core's serializer options (HTTP, SignalR) the platform's one JSON shape, <see cref="GameJson.Options"/>.</summary>
internal static class GameJsonConfiguration
{
    /// <param name="target">The options to shape.</param>
    /// <param name="forReading">
    /// False for HTTP, whose request bodies <see cref="Api.JsonBodies"/> reads with <see cref="GameJson.Strict"/>: the
    /// options then only write responses and describe them in OpenAPI, where numbers-as-strings would only blur the schema.
    /// </param>
    public static void ApplyTo(JsonSerializerOptions target, bool forReading)
    {
        var source = GameJson.Options;
        target.PropertyNamingPolicy = source.PropertyNamingPolicy;
        target.DictionaryKeyPolicy = source.DictionaryKeyPolicy;
        target.PropertyNameCaseInsensitive = source.PropertyNameCaseInsensitive;
        target.NumberHandling = forReading ? source.NumberHandling : JsonNumberHandling.Strict;
        target.DefaultIgnoreCondition = source.DefaultIgnoreCondition;
        target.Encoder = source.Encoder;
        foreach (var converter in source.Converters)
        {
            target.Converters.Add(converter);
        }
    }
}
