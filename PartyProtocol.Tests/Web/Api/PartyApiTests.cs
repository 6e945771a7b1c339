using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Web.Api;

/// <summary>Play again, host moderation and room options over REST on the real server.</summary>
public sealed class PartyApiTests(PartyAppFactory app) : IClassFixture<PartyAppFactory>
{
    [Fact]
    public async Task PlayAgainAnswersWrongPhaseBeforeGameOverAndNeedsTheOwner()
    {
        using var api = app.CreateLiveClient();
        var (code, owner) = await CreateAsync(api, new { game = "bluff" });

        var early = await SendAsync(api, $"api/sessions/{code}/again", owner, new { game = "quiz" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("wrong_phase", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(api, $"api/sessions/{code}/again", null, null)).StatusCode);
    }

    [Fact]
    public async Task TheOwnerHidesANicknameAndTheRoomOptionsAreInTheView()
    {
        using var api = app.CreateLiveClient();
        var (code, owner) = await CreateAsync(api, new { game = "bluff", room = new { streamerMode = true } });
        var joined = await (await api.PostAsJsonAsync($"api/sessions/{code}/players", new { name = "Rude Name" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = joined.GetProperty("playerId").GetString();

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, $"api/sessions/{code}/players/{id}/hide-name", owner, null)).StatusCode);

        var view = await api.GetFromJsonAsync<JsonElement>($"api/sessions/{code}");
        Assert.Equal("Player 1", view.GetProperty("players")[0].GetProperty("name").GetString());
        Assert.True(view.GetProperty("players")[0].GetProperty("nameHidden").GetBoolean());
        Assert.True(view.GetProperty("room").GetProperty("streamerMode").GetBoolean());
        Assert.Equal("audience", view.GetProperty("room").GetProperty("lateJoiners").GetString());
    }

    [Fact]
    public async Task ARudeNicknameIsRefusedWithItsCode()
    {
        using var api = app.CreateLiveClient();
        var (code, _) = await CreateAsync(api, new { game = "quiz" });

        var refused = await api.PostAsJsonAsync($"api/sessions/{code}/players", new { name = "Sh1tHead" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not_family_friendly", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    private static async Task<(string Code, string Owner)> CreateAsync(HttpClient api, object body)
    {
        var created = await api.PostAsJsonAsync("api/sessions", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("code").GetString()!, json.GetProperty("ownerToken").GetString()!);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient api, string path, string? token, object? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return api.SendAsync(request);
    }
}
