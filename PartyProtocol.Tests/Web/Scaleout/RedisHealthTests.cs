using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Web.Realtime;
using PartyProtocol.Web.Scaleout;

namespace PartyProtocol.Tests.Web.Scaleout;

/// <summary>
/// <c>/healthz</c> is unhealthy not only when Redis is silent but when this instance has stopped doing its share: its
/// deadline loop or event subscription is not running, or deadlines have fallen behind — the state in which an
/// instance once kept answering REST and saying Healthy while no deadline fired.
/// </summary>
[Collection(ScaleoutCollection.Name)]
public sealed class RedisHealthTests
{
    [Fact]
    public async Task WhileTheDeadlineLoopIsNotRunningTheInstanceIsUnhealthyAlthoughRedisAnswers()
    {
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, ScaleoutInstance.NewKeyPrefix());
        using var client = a.App.CreateLiveClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK, "/healthz to be healthy");

        await a.App.Services.GetRequiredService<RedisDeadlineScheduler>().StopAsync(CancellationToken.None);

        var checks = await ChecksAsync(client, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Healthy", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("deadlines").GetProperty("status").GetString());
        Assert.Contains("not running", checks.GetProperty("deadlines").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhileTheEventBridgeIsNotRunningTheInstanceIsUnhealthy()
    {
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, ScaleoutInstance.NewKeyPrefix());
        using var client = a.App.CreateLiveClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK, "/healthz to be healthy");

        await a.Bridge.StopAsync(CancellationToken.None);

        var checks = await ChecksAsync(client, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Healthy", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("events").GetProperty("status").GetString());
    }

    [Fact]
    public async Task WhenDeadlinesFallBehindTheInstanceIsUnhealthyUntilTheyFireAgain()
    {
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, ScaleoutInstance.NewKeyPrefix(),
            new Dictionary<string, string> { ["Redis:DeadlineLease"] = "00:00:01" });
        using var client = a.App.CreateLiveClient();
        var scheduler = a.App.Services.GetRequiredService<RedisDeadlineScheduler>();
        var created = await a.CreateBluffAsync(new BluffSettings(LieSeconds: 1));
        await a.JoinAsync(created.Code, "Ada");
        await a.JoinAsync(created.Code, "Bo");

        // The loop runs and claims, but nothing it claims is applied: each claim finds the deadline later than the last.
        scheduler.Attach((_, _) => Task.CompletedTask);
        var played = await a.Games.PlayAsync(created.Code, created.OwnerToken);
        Assert.True(played.IsSuccess, played.IsSuccess ? null : $"{played.Error.Code}: {played.Error.Message}");
        await Eventually.TrueAsync(async () =>
        {
            using var response = await client.GetAsync("/healthz");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return response.StatusCode == HttpStatusCode.ServiceUnavailable
                && body.RootElement.GetProperty("checks").GetProperty("deadlines").GetProperty("description").GetString()!.Contains("fallen behind", StringComparison.Ordinal);
        }, "/healthz to say deadlines have fallen behind", TimeSpan.FromSeconds(30));
        Assert.Equal("lie", (await a.ViewAsync(created.Code)).Phase);

        scheduler.Attach(a.Games.HandleDeadlineAsync);
        await Eventually.TrueAsync(async () => (await a.ViewAsync(created.Code)).Phase != "lie", "the overdue lie deadline to fire", TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(async () => (await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK, "/healthz to be healthy again", TimeSpan.FromSeconds(30));
    }

    private static async Task<JsonElement> ChecksAsync(HttpClient client, HttpStatusCode expected)
    {
        HttpStatusCode status = default;
        string text = "";
        await Eventually.TrueAsync(async () =>
        {
            using var response = await client.GetAsync("/healthz");
            status = response.StatusCode;
            text = await response.Content.ReadAsStringAsync();
            return status == expected;
        }, $"/healthz to answer {(int)expected}", TimeSpan.FromSeconds(30));
        return JsonDocument.Parse(text).RootElement.GetProperty("checks").Clone();
    }
}
