using System.Text.Json;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Tests.Core;

/// <summary>Short assertions and game-driving steps shared by the engine tests.</summary>
public static class GameTestExtensions
{
    /// <summary>Asserts the call succeeded and returns its value.</summary>
    public static async Task<T> OkAsync<T>(this Task<Result<T>> call)
    {
        var result = await call;
        Assert.True(result.IsSuccess, $"Expected success but got {result.Error?.Code}: {result.Error?.Message}");
        return result.Value;
    }

    /// <summary>Asserts the call was refused with <paramref name="code"/> and returns the refusal.</summary>
    public static async Task<GameError> RefusedAsync<T>(this Task<Result<T>> call, string code)
    {
        var result = await call;
        Assert.False(result.IsSuccess, $"Expected '{code}' but the call succeeded.");
        Assert.Equal(code, result.Error.Code);
        return result.Error;
    }
}

/// <summary>Payloads as clients receive them.</summary>
public static class Json
{
    /// <summary>Serialises with the platform's one JSON shape, as every transport does.</summary>
    public static JsonElement Of(object value) => JsonSerializer.SerializeToElement(value, GameJson.Options);

    public static string Text(object value) => JsonSerializer.Serialize(value, GameJson.Options);
}
