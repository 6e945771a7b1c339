using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace PartyProtocol.Tests.Deployment;

/// <summary>
/// <c>dotnet run --project PartyProtocol.Web</c>, as the README gives it, serves phones on a LAN: it runs with the
/// Production settings (no developer exception page with stack traces and source lines for anyone on the network),
/// and developers have a "development" profile to ask for the developer pages.
/// </summary>
public sealed class LaunchProfileTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("partyprotocol-run-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public void TheProfileDotnetRunPicksIsProductionAndDevelopmentIsAProfileToAskFor()
    {
        var profiles = Profiles();

        // dotnet run takes the first profile with commandName Project.
        var first = profiles.EnumerateObject().First(p => p.Value.GetProperty("commandName").GetString() == "Project");
        Assert.Equal("Production", EnvironmentOf(first.Value));
        var development = Assert.Single(profiles.EnumerateObject(), p => EnvironmentOf(p.Value) == "Development");
        Assert.NotEqual(first.Name, development.Name);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task DotnetRunAsTheReadmeGivesItRunsInProductionAndServesEveryAsset()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = AppProcess.RepositoryRoot() };
        foreach (var argument in new[] { "run", "--project", "PartyProtocol.Web", "-c", configuration, "--no-build" })
        {
            info.ArgumentList.Add(argument);
        }

        // A shell as a person has it: no environment chosen; the database in a folder of this test's own.
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        info.Environment["ConnectionStrings__Accounts"] = $"Data Source={Path.Combine(_data.FullName, "party.db")}";
        await using var app = AppProcess.Start(info);

        // A loaded CI machine has taken more than 90 s to build the host and listen.
        var health = await app.WaitForHealthzAsync(TimeSpan.FromSeconds(180));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("Hosting environment: Production", string.Join('\n', app.Output), StringComparison.Ordinal);
        Assert.Contains("blazor.web.js", await app.Client.GetStringAsync("join"));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("_framework/blazor.web.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("_content/MudBlazor/MudBlazor.min.css")).StatusCode);
    }

    private static JsonElement Profiles() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppProcess.RepositoryRoot(), "PartyProtocol.Web", "Properties", "launchSettings.json")))
            .RootElement.GetProperty("profiles").Clone();

    private static string? EnvironmentOf(JsonElement profile) =>
        profile.TryGetProperty("environmentVariables", out var variables) && variables.TryGetProperty("ASPNETCORE_ENVIRONMENT", out var environment)
            ? environment.GetString()
            : null;
}
