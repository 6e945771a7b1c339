using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Api;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Tests.Web.Api;

/// <summary>POST /api/sessions with presetId goes through whatever <see cref="ISessionPresetSource"/> the app registers.</summary>
public sealed class PresetSessionTests
{
    [Fact]
    public async Task ASessionCreatedFromAPresetTakesThePresetsGameAndSettings()
    {
        using var app = new PresetAppFactory();
        using var api = new ApiTestClient(app);
        var created = await ApiTestClient.OkAsync(await api.PostAsync("/api/sessions", body: new { presetId = SavedPresets.Id }), HttpStatusCode.Created);
        var view = created.GetProperty("view");
        Assert.Equal("bluff", view.GetProperty("game").GetString());
        Assert.Equal(3, view.GetProperty("settings").GetProperty("rounds").GetInt32());
        Assert.Equal(4, view.GetProperty("capacity").GetInt32());
        var caller = Assert.Single(app.Presets.Callers);
        Assert.False(caller.Identity?.IsAuthenticated ?? false);
    }

    [Fact]
    public async Task APresetTheSourceDoesNotGiveIsNotFoundAndMixingItWithSettingsIsRefused()
    {
        using var app = new PresetAppFactory();
        using var api = new ApiTestClient(app);
        await ApiTestClient.ProblemAsync(await api.PostAsync("/api/sessions", body: new { presetId = SavedPresets.Id + 1 }), HttpStatusCode.NotFound, "preset_not_found");
        await ApiTestClient.ProblemAsync(await api.PostAsync("/api/sessions", body: new { presetId = SavedPresets.Id, settings = new { rounds = 2 } }),
            HttpStatusCode.UnprocessableEntity, "invalid_input");
        var wrongGame = await ApiTestClient.ProblemAsync(await api.PostAsync("/api/sessions", body: new { game = "chess", presetId = SavedPresets.Id }),
            HttpStatusCode.UnprocessableEntity, "invalid_input");
        Assert.True(wrongGame.GetProperty("errors").TryGetProperty("game", out _));
    }

    private sealed class PresetAppFactory : CapturingAppFactory
    {
        public SavedPresets Presets { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ISessionPresetSource>(sp =>
            {
                Presets.Registry = sp.GetRequiredService<CartridgeRegistry>();
                return Presets;
            }));
        }
    }

    /// <summary>One saved preset (a 4-seat, 3-round Bluff), kept in memory the way the accounts feature keeps them in SQLite.</summary>
    private sealed class SavedPresets : ISessionPresetSource
    {
        public const long Id = 7;

        public CartridgeRegistry? Registry { get; set; }

        public List<ClaimsPrincipal> Callers { get; } = [];

        public Task<Result<PresetSettings>> LoadAsync(long presetId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
        {
            Callers.Add(user);
            if (presetId != Id)
            {
                return Task.FromResult(Result<PresetSettings>.Fail(new GameError(ApiErrorCodes.PresetNotFound, "No such preset.", ErrorKind.NotFound)));
            }

            var bluff = Registry!.Get("bluff");
            var settings = bluff.BindSettings(new Dictionary<string, JsonElement>
            {
                ["rounds"] = JsonSerializer.SerializeToElement(3),
                ["maxPlayers"] = JsonSerializer.SerializeToElement(4),
            });
            return Task.FromResult(Result<PresetSettings>.Ok(new PresetSettings(bluff, settings.Value!)));
        }
    }
}
