using System.Text.Json;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>Assertions on the reply to a move made over an open connection (the hub's <c>Move</c>, the WebSocket's <c>move</c>).</summary>
internal static class MoveReplies
{
    /// <summary>The reply refuses with this status and code and a sentence a person can read; returns its <c>error</c>.</summary>
    public static JsonElement AssertError(JsonElement reply, int status, string code)
    {
        Assert.False(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        var error = reply.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(status, error.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("detail").GetString()));
        return error;
    }

    /// <summary>The refusal names <paramref name="field"/> among its per-field errors.</summary>
    public static void AssertField(JsonElement error, string field) =>
        Assert.True(error.GetProperty("errors").TryGetProperty(field, out _), $"{error} should name '{field}'");
}
