using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Persistence;
using PartyProtocol.Web.Presets;
using PartyProtocol.Web.Components.Cartridges.Bluff;
using static PartyProtocol.Tests.Web.Presets.AccountTestClient;

namespace PartyProtocol.Tests.Web.Presets;

/// <summary>A session created from a preset plays with a copy of its settings; editing the preset later changes no game.</summary>
public abstract class SessionFromPresetTests(AccountsDatabaseProvider provider) : IDisposable
{
    private readonly PresetTestDatabase _database = new(provider);
    private readonly TestEngine _engine = new();

    public sealed class OnSqlite() : SessionFromPresetTests(AccountsDatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : SessionFromPresetTests(AccountsDatabaseProvider.PostgreSql);

    /// <summary>The real app, its accounts on this class's provider.</summary>
    private PartyAppFactory NewApp() =>
        provider == AccountsDatabaseProvider.PostgreSql ? new PostgreSqlPartyAppFactory() : new PartyAppFactory();

    [Fact]
    public async Task ASessionFromAPresetPlaysWithItsSettingsAndIgnoresLaterEdits()
    {
        var (presets, owner, source) = await ArrangeAsync();
        var saved = await presets.CreateAsync(owner.UserId()!, new PresetInput("Slow", BluffCartridge.GameKey,
            Settings(new { rounds = 3, lieSeconds = 45, guessSeconds = 20, timerScale = 1.5 })));
        Assert.True(saved.IsSuccess, saved.Error?.Message);

        var loaded = await source.LoadAsync(saved.Value!.Id, owner);
        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        Assert.Equal(BluffCartridge.GameKey, loaded.Value!.Game.Key);
        var created = await _engine.Service.CreateSessionAsync(loaded.Value.Game, loaded.Value.Settings);
        Assert.True(created.IsSuccess, created.Error?.Message);
        var game = new TestGame(_engine, created.Value!.Code, created.Value.OwnerToken);
        await game.JoinAsync("Ada");
        await game.JoinAsync("Bo");
        Assert.True((await game.PlayAsync()).IsSuccess);

        var playing = await game.ViewAsync();
        Assert.Equal(3, ((BluffView)playing.State!).Rounds);
        Assert.Equal(45 * 1.5 * 1000, playing.Clock!.DurationMs);

        var edited = await presets.UpdateAsync(owner.UserId()!, saved.Value.Id, new PresetInput("Slow", null,
            Settings(new { rounds = 10, lieSeconds = 120, guessSeconds = 60, timerScale = 1 })));
        Assert.True(edited.IsSuccess, edited.Error?.Message);

        var after = await game.OwnerViewAsync();
        Assert.Equal(3, after.Settings["rounds"].GetInt32());
        Assert.Equal(45, after.Settings["lieSeconds"].GetInt32());
        Assert.Equal(1.5, after.Settings["timerScale"].GetDouble());
        Assert.Equal(3, ((BluffView)after.State!).Rounds);

        // The running game keeps its own clock: the lie phase ends after the preset's old 67.5 s, then guessing takes 30 s.
        _engine.Time.Advance(TimeSpan.FromSeconds(45 * 1.5));
        var guessing = await WaitForPhaseAsync(game, BluffPhases.Guess);
        Assert.Equal(20 * 1.5 * 1000, guessing.Clock!.DurationMs);

        // A new session from the edited preset gets the new settings.
        var next = await source.LoadAsync(saved.Value.Id, owner);
        Assert.Equal(10, next.Value!.Game.DescribeSettings(next.Value.Settings)["rounds"].GetInt32());
    }

    [Fact]
    public async Task OnlyThePresetsOwnerCanStartASessionFromIt()
    {
        var (presets, owner, source) = await ArrangeAsync();
        var saved = await presets.CreateAsync(owner.UserId()!, new PresetInput("Mine", BluffCartridge.GameKey, null));
        var stranger = Principal(await _database.AddUserAsync("stranger@example.test"));

        var byStranger = await source.LoadAsync(saved.Value!.Id, stranger);
        var missing = await source.LoadAsync(saved.Value.Id + 1000, owner);
        var anonymous = await source.LoadAsync(saved.Value.Id, new ClaimsPrincipal(new ClaimsIdentity()));

        Assert.Equal(PresetErrors.PresetNotFoundCode, byStranger.Error?.Code);
        Assert.Equal(ErrorKind.NotFound, byStranger.Error?.Kind);
        Assert.Equal(PresetErrors.PresetNotFoundCode, missing.Error?.Code);
        Assert.Equal(PresetErrors.PresetNotFoundCode, anonymous.Error?.Code);
        Assert.Contains("sign in", anonymous.Error!.Message);
    }

    [Fact]
    public async Task StoredSettingsTheCartridgeNoLongerAcceptsAreRefusedNamingTheField()
    {
        var (presets, owner, source) = await ArrangeAsync();
        var saved = await presets.CreateAsync(owner.UserId()!, new PresetInput("Old", BluffCartridge.GameKey, null));
        // As if Bluff had tightened its bounds since the preset was saved.
        await using (var db = _database.CreateDbContext())
        {
            var row = await db.Set<BluffPresetSettings>().FindAsync(saved.Value!.Id);
            row!.Rounds = 50;
            await db.SaveChangesAsync();
        }

        var loaded = await source.LoadAsync(saved.Value.Id, owner);

        Assert.Equal(ErrorCodes.InvalidInput, loaded.Error?.Code);
        Assert.True(loaded.Error!.Errors!.ContainsKey("settings.rounds"));
        Assert.Contains("Old", loaded.Error.Message);
    }

    [Fact]
    public async Task TheAppsPresetSourceGivesTheGameServiceACopyOfAnApiClientsPreset()
    {
        using var app = NewApp();
        using var client = await SignedInAsync(app, "host");
        var created = await client.PostAsJsonAsync("/api/presets", new { name = "Four", game = "bluff", settings = new { rounds = 4, maxPlayers = 5 } });
        var presetId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        string userId;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            userId = (await users.FindByEmailAsync(EmailOf(client)))!.Id;
        }

        var source = app.Services.GetRequiredService<ISessionPresetSource>();
        var service = app.Services.GetRequiredService<GameService>();
        var loaded = await source.LoadAsync(presetId, Principal(userId));
        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        var session = await service.CreateSessionAsync(loaded.Value!.Game, loaded.Value.Settings);
        Assert.True(session.IsSuccess, session.Error?.Message);
        Assert.Equal(5, session.Value!.View.Capacity);

        var edit = await client.PutAsJsonAsync($"/api/presets/{presetId}", new { name = "Four", settings = new { rounds = 8, maxPlayers = 12 } });
        Assert.True(edit.IsSuccessStatusCode);

        var view = await service.GetViewAsync(session.Value.Code, session.Value.OwnerToken);
        Assert.Equal(4, view.Value!.Settings["rounds"].GetInt32());
        Assert.Equal(5, view.Value.Settings["maxPlayers"].GetInt32());
        Assert.Equal(5, view.Value.Capacity);
    }

    [Fact]
    public async Task PostingASessionWithAPresetIdCopiesTheSignedInAccountsPreset()
    {
        using var app = NewApp();
        using var host = await SignedInAsync(app, "api-host");
        using var stranger = await SignedInAsync(app, "api-stranger");
        using var anonymous = app.CreateLiveClient();
        var saved = await host.PostAsJsonAsync("/api/presets", new { name = "Short", game = "bluff", settings = new { rounds = 2, maxPlayers = 6, timerScale = 2 } });
        var presetId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var created = await host.PostAsJsonAsync("/api/sessions", new { presetId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = await created.Content.ReadFromJsonAsync<JsonElement>();
        var code = session.GetProperty("code").GetString();
        // Settings are the owner's to see (an anonymous view has none).
        async Task<JsonElement> OwnerViewAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{code}");
            request.Headers.Authorization = new("Bearer", session.GetProperty("ownerToken").GetString());
            using var response = await anonymous.SendAsync(request);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var settings = (await OwnerViewAsync()).GetProperty("settings");
        Assert.Equal(2, settings.GetProperty("rounds").GetInt32());
        Assert.Equal(6, settings.GetProperty("maxPlayers").GetInt32());
        Assert.Equal(2, settings.GetProperty("timerScale").GetDouble());

        Assert.True((await host.PutAsJsonAsync($"/api/presets/{presetId}", new { name = "Short", settings = new { rounds = 9 } })).IsSuccessStatusCode);
        var after = await OwnerViewAsync();
        Assert.Equal(2, after.GetProperty("settings").GetProperty("rounds").GetInt32());
        Assert.Equal(6, after.GetProperty("capacity").GetInt32());

        await ProblemAsync(await stranger.PostAsJsonAsync("/api/sessions", new { presetId }), 404, "preset_not_found");
        await ProblemAsync(await anonymous.PostAsJsonAsync("/api/sessions", new { presetId }), 404, "preset_not_found");
    }

    private async Task<(PresetService Presets, ClaimsPrincipal Owner, ISessionPresetSource Source)> ArrangeAsync()
    {
        await _database.MigrateAsync();
        var presets = _database.CreateService(_engine.Registry, _engine.Time);
        var owner = Principal(await _database.AddUserAsync("owner@example.test"));
        return (presets, owner, new SessionPresetSource(presets));
    }

    private static ClaimsPrincipal Principal(string userId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], authenticationType: "Test"));

    private static Dictionary<string, JsonElement> Settings(object values) => TestEngine.Settings(values);

    /// <summary>Deadlines fire on timer callbacks; wait (bounded) until the phase has moved on.</summary>
    private static async Task<SessionView> WaitForPhaseAsync(TestGame game, string phase)
    {
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var view = await game.ViewAsync();
            if (view.Phase == phase)
            {
                return view;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"The session never reached the {phase} phase.");
        return null!;
    }

    public void Dispose()
    {
        _engine.Dispose();
        _database.Dispose();
    }
}
