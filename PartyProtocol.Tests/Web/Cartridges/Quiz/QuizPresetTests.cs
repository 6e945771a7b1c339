using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartyProtocol.Tests.Infrastructure;
using static PartyProtocol.Tests.Web.Presets.AccountTestClient;

namespace PartyProtocol.Tests.Web.Cartridges.Quiz;

/// <summary>Quiz presets, with their choice and multi-choice settings, on both account databases.</summary>
public abstract class QuizPresetTests(PartyAppFactory app)
{
    public sealed class OnSqlite(PartyAppFactory app) : QuizPresetTests(app), IClassFixture<PartyAppFactory>;

    public sealed class OnPostgreSql(PostgreSqlPartyAppFactory app) : QuizPresetTests(app), IClassFixture<PostgreSqlPartyAppFactory>;

    [Fact]
    public async Task AQuizPresetKeepsItsCategoriesAndLeaderboardAndASessionStartsFromIt()
    {
        using var client = await SignedInAsync(app, "quiz");

        var created = await client.PostAsJsonAsync("/api/presets", new
        {
            name = "Science night",
            game = "quiz",
            settings = new { questions = 8, categories = new[] { "space", "science" }, leaderboard = "every_2", doublePointsLastQuestion = false },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/presets/{id}");
        var settings = stored.GetProperty("settings");
        // Kept in the options' order, whatever order they were sent in.
        Assert.Equal(["science", "space"], settings.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("every_2", settings.GetProperty("leaderboard").GetString());
        Assert.Equal(8, settings.GetProperty("questions").GetInt32());
        Assert.False(settings.GetProperty("doublePointsLastQuestion").GetBoolean());

        var session = await client.PostAsJsonAsync("/api/sessions", new { presetId = id });
        Assert.Equal(HttpStatusCode.Created, session.StatusCode);
        var view = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("view");
        Assert.Equal("quiz", view.GetProperty("game").GetString());
        Assert.Equal(["science", "space"], view.GetProperty("settings").GetProperty("categories").EnumerateArray().Select(c => c.GetString()));

        var updated = await client.PutAsJsonAsync($"/api/presets/{id}", new { name = "Science night", game = "quiz", settings = new { categories = new[] { "history" } } });
        Assert.True(updated.IsSuccessStatusCode, await updated.Content.ReadAsStringAsync());
        Assert.Equal(["history"], (await client.GetFromJsonAsync<JsonElement>($"/api/presets/{id}")).GetProperty("settings").GetProperty("categories")
            .EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task AQuizPresetWithAnUnknownCategoryOrLeaderboardIsRefusedNamingTheSetting()
    {
        using var client = await SignedInAsync(app, "quiz-bad");

        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/presets", new { name = "Bad", game = "quiz", settings = new { categories = new[] { "cooking" } } }),
            422, "invalid_input");
        Assert.True(problem.GetProperty("errors").TryGetProperty("settings.categories", out _));
        problem = await ProblemAsync(await client.PostAsJsonAsync("/api/presets", new { name = "Bad", game = "quiz", settings = new { leaderboard = "never" } }),
            422, "invalid_input");
        Assert.True(problem.GetProperty("errors").TryGetProperty("settings.leaderboard", out _));
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/presets")).EnumerateArray());
    }
}
