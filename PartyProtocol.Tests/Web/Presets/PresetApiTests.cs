using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PartyProtocol.Tests.Infrastructure;
using static PartyProtocol.Tests.Web.Presets.AccountTestClient;

namespace PartyProtocol.Tests.Web.Presets;

/// <summary>
/// /api/presets on the real app (Kestrel on loopback), with accounts made through /api/account — on its own SQLite
/// file and on its own PostgreSQL database.
/// </summary>
public abstract class PresetApiTests(PartyAppFactory app)
{
    public sealed class OnSqlite(PartyAppFactory app) : PresetApiTests(app), IClassFixture<PartyAppFactory>;

    public sealed class OnPostgreSql(PostgreSqlPartyAppFactory app) : PresetApiTests(app), IClassFixture<PostgreSqlPartyAppFactory>;

    [Fact]
    public async Task AnonymousCallsGetAProblem401InsteadOfARedirect()
    {
        using var client = app.CreateLiveClient();
        var requests = new[]
        {
            new HttpRequestMessage(HttpMethod.Get, "/api/presets"),
            new HttpRequestMessage(HttpMethod.Post, "/api/presets") { Content = JsonContent.Create(new { name = "x", game = "bluff" }) },
            new HttpRequestMessage(HttpMethod.Get, "/api/presets/1"),
            new HttpRequestMessage(HttpMethod.Put, "/api/presets/1") { Content = JsonContent.Create(new { name = "x" }) },
            new HttpRequestMessage(HttpMethod.Delete, "/api/presets/1"),
        };
        foreach (var request in requests)
        {
            using var response = await client.SendAsync(request);
            Assert.Null(response.Headers.Location);
            await ProblemAsync(response, 401, "unauthorized");
        }

        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        await ProblemAsync(await client.GetAsync("/api/presets"), 401, "unauthorized");
    }

    [Fact]
    public async Task APresetIsCreatedReadUpdatedAndDeleted()
    {
        using var client = await SignedInAsync(app, "crud");

        var created = await client.PostAsJsonAsync("/api/presets", new
        {
            name = "  Slow and silly  ",
            game = "bluff",
            settings = new { rounds = 3, lieSeconds = 90, timerScale = 1.5, familyFriendly = false },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var preset = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = preset.GetProperty("id").GetInt64();
        Assert.Equal($"/api/presets/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Slow and silly", preset.GetProperty("name").GetString());
        Assert.Equal("bluff", preset.GetProperty("game").GetString());
        var settings = preset.GetProperty("settings");
        Assert.Equal(3, settings.GetProperty("rounds").GetInt32());
        Assert.Equal(90, settings.GetProperty("lieSeconds").GetInt32());
        Assert.Equal(1.5, settings.GetProperty("timerScale").GetDouble());
        Assert.False(settings.GetProperty("familyFriendly").GetBoolean());
        // Left out: the game's defaults.
        Assert.Equal(30, settings.GetProperty("guessSeconds").GetInt32());
        Assert.Equal(8, settings.GetProperty("maxPlayers").GetInt32());
        Assert.Equal(preset.GetProperty("createdAt").GetDateTimeOffset(), preset.GetProperty("updatedAt").GetDateTimeOffset());

        var read = await client.GetFromJsonAsync<JsonElement>($"/api/presets/{id}");
        Assert.Equal(preset.GetRawText(), read.GetRawText());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/presets");
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/presets?game=bluff")).EnumerateArray());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/presets?game=other")).EnumerateArray());

        var updated = await client.PutAsJsonAsync($"/api/presets/{id}", new { name = "Quick", settings = new { rounds = 2 } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var changed = await client.GetFromJsonAsync<JsonElement>($"/api/presets/{id}");
        Assert.Equal("Quick", changed.GetProperty("name").GetString());
        Assert.Equal(2, changed.GetProperty("settings").GetProperty("rounds").GetInt32());
        // PUT replaces: what it leaves out goes back to the defaults.
        Assert.Equal(60, changed.GetProperty("settings").GetProperty("lieSeconds").GetInt32());
        Assert.Equal(preset.GetProperty("createdAt").GetDateTimeOffset(), changed.GetProperty("createdAt").GetDateTimeOffset());
        Assert.True(changed.GetProperty("updatedAt").GetDateTimeOffset() >= changed.GetProperty("createdAt").GetDateTimeOffset());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/presets/{id}")).StatusCode);
        await ProblemAsync(await client.GetAsync($"/api/presets/{id}"), 404, "preset_not_found");
        await ProblemAsync(await client.DeleteAsync($"/api/presets/{id}"), 404, "preset_not_found");
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/presets")).EnumerateArray());
    }

    [Fact]
    public async Task AnotherAccountsPresetLooksExactlyLikeAMissingOne()
    {
        using var ann = await SignedInAsync(app, "ann");
        using var bob = await SignedInAsync(app, "bob");
        var created = await ann.PostAsJsonAsync("/api/presets", new { name = "Ann's", game = "bluff", settings = new { rounds = 4 } });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var missing = await ProblemAsync(await bob.GetAsync($"/api/presets/{id + 100000}"), 404, "preset_not_found");
        var hidden = await ProblemAsync(await bob.GetAsync($"/api/presets/{id}"), 404, "preset_not_found");
        Assert.Equal(missing.GetProperty("title").GetString(), hidden.GetProperty("title").GetString());
        await ProblemAsync(await bob.PutAsJsonAsync($"/api/presets/{id}", new { name = "Mine now", settings = new { rounds = 9 } }), 404, "preset_not_found");
        await ProblemAsync(await bob.DeleteAsync($"/api/presets/{id}"), 404, "preset_not_found");
        Assert.Empty((await bob.GetFromJsonAsync<JsonElement>("/api/presets")).EnumerateArray());

        // Bob may use the same name for his own preset.
        Assert.Equal(HttpStatusCode.Created, (await bob.PostAsJsonAsync("/api/presets", new { name = "Ann's", game = "bluff" })).StatusCode);

        var still = await ann.GetFromJsonAsync<JsonElement>($"/api/presets/{id}");
        Assert.Equal("Ann's", still.GetProperty("name").GetString());
        Assert.Equal(4, still.GetProperty("settings").GetProperty("rounds").GetInt32());
        Assert.Single((await ann.GetFromJsonAsync<JsonElement>("/api/presets")).EnumerateArray());
    }

    [Fact]
    public async Task ADuplicateNameIsAConflictAndNothingIsSaved()
    {
        using var client = await SignedInAsync(app, "dup");
        var first = await client.PostAsJsonAsync("/api/presets", new { name = "Party", game = "bluff", settings = new { rounds = 3 } });
        var second = await client.PostAsJsonAsync("/api/presets", new { name = "Other", game = "bluff" });
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var clash = await ProblemAsync(await client.PostAsJsonAsync("/api/presets", new { name = "party ", game = "bluff", settings = new { rounds = 9 } }),
            409, "preset_name_taken");
        Assert.True(clash.GetProperty("errors").TryGetProperty("name", out _));
        await ProblemAsync(await client.PutAsJsonAsync($"/api/presets/{secondId}", new { name = "PARTY", settings = new { rounds = 9 } }),
            409, "preset_name_taken");

        var list = (await client.GetFromJsonAsync<JsonElement>("/api/presets")).EnumerateArray().ToList();
        Assert.Equal(["Other", "Party"], list.Select(p => p.GetProperty("name").GetString()));
        Assert.All(list, p => Assert.NotEqual(9, p.GetProperty("settings").GetProperty("rounds").GetInt32()));

        // Keeping one's own name while changing settings is no clash.
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/presets/{secondId}", new { name = "other", settings = new { rounds = 6 } })).StatusCode);
    }

    [Fact]
    public async Task AnOutOfRangeSettingIsRefusedNamingTheFieldAndNothingIsSaved()
    {
        using var client = await SignedInAsync(app, "range");
        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/presets", new
        {
            name = "Too long",
            game = "bluff",
            settings = new { rounds = 21, timerScale = 3, lieSeconds = 45 },
        }), 422, "invalid_input");
        var errors = problem.GetProperty("errors");
        Assert.Contains("between 1 and 20", errors.GetProperty("settings.rounds")[0].GetString());
        Assert.True(errors.TryGetProperty("settings.timerScale", out _));
        Assert.False(errors.TryGetProperty("settings.lieSeconds", out _));
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/presets")).EnumerateArray());

        var unknownSetting = await ProblemAsync(await client.PostAsJsonAsync("/api/presets", new { name = "x", game = "bluff", settings = new { lives = 3 } }),
            422, "invalid_input");
        Assert.True(unknownSetting.GetProperty("errors").TryGetProperty("settings.lives", out _));

        var created = await client.PostAsJsonAsync("/api/presets", new { name = "Fine", game = "bluff", settings = new { rounds = 5 } });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var refused = await ProblemAsync(await client.PutAsJsonAsync($"/api/presets/{id}", new { name = "Renamed", settings = new { rounds = 0 } }),
            422, "invalid_input");
        Assert.True(refused.GetProperty("errors").TryGetProperty("settings.rounds", out _));
        var unchanged = await client.GetFromJsonAsync<JsonElement>($"/api/presets/{id}");
        Assert.Equal("Fine", unchanged.GetProperty("name").GetString());
        Assert.Equal(5, unchanged.GetProperty("settings").GetProperty("rounds").GetInt32());
    }

    [Fact]
    public async Task AnUnknownGameIsInvalidInputNamingTheGame()
    {
        using var client = await SignedInAsync(app, "game");
        var unknown = await ProblemAsync(await client.PostAsJsonAsync("/api/presets", new { name = "Chess night", game = "chess" }), 422, "invalid_input");
        Assert.Contains("chess", unknown.GetProperty("errors").GetProperty("game")[0].GetString());
        var missing = await ProblemAsync(await client.PostAsJsonAsync("/api/presets", new { name = "No game" }), 422, "invalid_input");
        Assert.True(missing.GetProperty("errors").TryGetProperty("game", out _));

        var created = await client.PostAsJsonAsync("/api/presets", new { name = "Bluffing", game = "bluff" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var moved = await ProblemAsync(await client.PutAsJsonAsync($"/api/presets/{id}", new { name = "", game = "chess" }), 422, "invalid_input");
        Assert.True(moved.GetProperty("errors").TryGetProperty("game", out _));
        Assert.True(moved.GetProperty("errors").TryGetProperty("name", out _));
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/presets")).EnumerateArray());
    }

    [Fact]
    public async Task NamesAreOneToFortyCharactersAfterTrimming()
    {
        using var client = await SignedInAsync(app, "names");
        var oversized = await ProblemAsync(await client.PostAsJsonAsync("/api/presets", new { name = new string('n', 41), game = "bluff" }), 422, "invalid_input");
        Assert.Contains("40", oversized.GetProperty("errors").GetProperty("name")[0].GetString());
        await ProblemAsync(await client.PostAsJsonAsync("/api/presets", new { name = "   ", game = "bluff" }), 422, "invalid_input");
        await ProblemAsync(await client.PostAsJsonAsync("/api/presets", new { name = "tab\there", game = "bluff" }), 422, "invalid_input");
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/presets")).EnumerateArray());

        var longest = new string('n', 40);
        var created = await client.PostAsJsonAsync("/api/presets", new { name = $"  {longest}  ", game = "bluff" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(longest, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task MalformedRequestsAreClientErrorsNeverServerErrors()
    {
        using var client = await SignedInAsync(app, "junk");
        await ProblemAsync(await client.PostAsync("/api/presets", new StringContent("{\"name\":", Encoding.UTF8, "application/json")), 400, "invalid_input");
        await ProblemAsync(await client.PostAsync("/api/presets", new StringContent("[1,2]", Encoding.UTF8, "application/json")), 400, "invalid_input");
        await ProblemAsync(await client.PostAsync("/api/presets", new StringContent("null", Encoding.UTF8, "application/json")), 400, "invalid_input");
        var unknownField = await ProblemAsync(await client.PostAsync("/api/presets",
            new StringContent("{\"name\":\"x\",\"game\":\"bluff\",\"colour\":1}", Encoding.UTF8, "application/json")), 400, "invalid_input");
        Assert.True(unknownField.GetProperty("errors").TryGetProperty("colour", out _));
        var wrongType = await ProblemAsync(await client.PostAsync("/api/presets",
            new StringContent("{\"name\":7,\"game\":\"bluff\"}", Encoding.UTF8, "application/json")), 400, "invalid_input");
        Assert.True(wrongType.GetProperty("errors").TryGetProperty("name", out _));
        await ProblemAsync(await client.PostAsync("/api/presets", new StringContent("name=x", Encoding.UTF8, "text/plain")), 415, "unsupported_media_type");
        await ProblemAsync(await client.PostAsync("/api/presets", new StringContent("{\"name\":\"x\",\"game\":\"bluff\",\"settings\":{\"rounds\":\"three\"}}", Encoding.UTF8, "application/json")),
            422, "invalid_input");
        await ProblemAsync(await client.GetAsync("/api/presets/abc"), 404, "preset_not_found");
        await ProblemAsync(await client.GetAsync("/api/presets/-1"), 404, "preset_not_found");
        await ProblemAsync(await client.GetAsync("/api/presets/99999999999999999999999"), 404, "preset_not_found");
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/presets")).EnumerateArray());
    }

    [Fact]
    public async Task TheSignInCookieWorksAsWellAsTheBearerToken()
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = app.BaseAddress };
        var email = NewEmail("cookie");
        Assert.True((await client.PostAsJsonAsync("/api/account/register", new { email, password = Password })).IsSuccessStatusCode);
        Assert.True((await client.PostAsJsonAsync("/api/account/login?useCookies=true", new { email, password = Password })).IsSuccessStatusCode);

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/presets", new { name = "By cookie", game = "bluff" })).StatusCode);
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/presets")).EnumerateArray());

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/account/logout", null)).StatusCode);
        await ProblemAsync(await client.GetAsync("/api/presets"), 401, "unauthorized");
    }
}
