using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartyProtocol.Tests.Infrastructure;
using static PartyProtocol.Tests.Web.Presets.AccountTestClient;

namespace PartyProtocol.Tests.Web.Cartridges.Quiz;

/// <summary>Quiz presets, with their choice settings and their packs, on both account databases.</summary>
public abstract class QuizPresetTests(PartyAppFactory app)
{
    public sealed class OnSqlite(PartyAppFactory app) : QuizPresetTests(app), IClassFixture<PartyAppFactory>;

    public sealed class OnPostgreSql(PostgreSqlPartyAppFactory app) : QuizPresetTests(app), IClassFixture<PostgreSqlPartyAppFactory>;

    [Fact]
    public async Task AQuizPresetKeepsItsPacksAndLeaderboardAndASessionStartsFromIt()
    {
        using var client = await SignedInAsync(app, "quiz");

        var created = await client.PostAsJsonAsync("/api/presets", new
        {
            name = "Science night",
            game = "quiz",
            settings = new { questions = 8, leaderboard = "every_2", doublePointsLastQuestion = false },
            packs = new[] { "space", "science" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/presets/{id}");
        var settings = stored.GetProperty("settings");
        Assert.Equal(["space", "science"], stored.GetProperty("packs").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("every_2", settings.GetProperty("leaderboard").GetString());
        Assert.Equal(8, settings.GetProperty("questions").GetInt32());
        Assert.False(settings.GetProperty("doublePointsLastQuestion").GetBoolean());

        var session = await client.PostAsJsonAsync("/api/sessions", new { presetId = id });
        Assert.Equal(HttpStatusCode.Created, session.StatusCode);
        var body = await session.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("quiz", body.GetProperty("view").GetProperty("game").GetString());
        Assert.Equal(8, body.GetProperty("view").GetProperty("settings").GetProperty("questions").GetInt32());
        // The room plays only the preset's packs: every question comes from Space or Science.
        var code = body.GetProperty("code").GetString();
        using var owner = app.CreateLiveClient();
        owner.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("ownerToken").GetString());
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync($"/api/sessions/{code}/players", new { name = "Ann" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync($"/api/sessions/{code}/play", null)).StatusCode);
        var question = (await owner.GetFromJsonAsync<JsonElement>($"/api/sessions/{code}")).GetProperty("state").GetProperty("question");
        Assert.Contains(question.GetProperty("category").GetString(), new[] { "Space", "Science" });

        var updated = await client.PutAsJsonAsync($"/api/presets/{id}", new { name = "Science night", game = "quiz", packs = new[] { "history" } });
        Assert.True(updated.IsSuccessStatusCode, await updated.Content.ReadAsStringAsync());
        Assert.Equal(["history"], (await client.GetFromJsonAsync<JsonElement>($"/api/presets/{id}")).GetProperty("packs")
            .EnumerateArray().Select(c => c.GetString()));
        var everything = await client.PutAsJsonAsync($"/api/presets/{id}", new { name = "Science night", game = "quiz" });
        Assert.True(everything.IsSuccessStatusCode, await everything.Content.ReadAsStringAsync());
        Assert.False((await client.GetFromJsonAsync<JsonElement>($"/api/presets/{id}")).TryGetProperty("packs", out _));
    }

    [Fact]
    public async Task AQuizPresetWithAnUnknownPackOrLeaderboardIsRefusedNamingTheField()
    {
        using var client = await SignedInAsync(app, "quiz-bad");

        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/presets", new { name = "Bad", game = "quiz", packs = new[] { "cooking" } }),
            422, "invalid_input");
        Assert.True(problem.GetProperty("errors").TryGetProperty("packs", out _));
        problem = await ProblemAsync(await client.PostAsJsonAsync("/api/presets", new { name = "Bad", game = "quiz", settings = new { leaderboard = "never" } }),
            422, "invalid_input");
        Assert.True(problem.GetProperty("errors").TryGetProperty("settings.leaderboard", out _));
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/presets")).EnumerateArray());
    }
}
