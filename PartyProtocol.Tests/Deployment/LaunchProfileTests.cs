using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PartyProtocol.Tests.Web.Realtime;

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
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--project", "PartyProtocol.Web", "-c", configuration, "--no-build", "--urls", $"http://127.0.0.1:{port}" })
        {
            info.ArgumentList.Add(argument);
        }

        // A shell as a person has it: no environment chosen; the database in a folder of this test's own.
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        info.Environment["ConnectionStrings__Accounts"] = $"Data Source={Path.Combine(_data.FullName, "party.db")}";
        var output = new List<string>();
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.Add(e.Data ?? string.Empty); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.Add(e.Data ?? string.Empty); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
            await Eventually.TrueAsync(async () =>
            {
                Assert.False(process.HasExited, "dotnet run exited: " + Text(output));
                try
                {
                    return (await client.GetAsync("healthz")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "the app to listen", TimeSpan.FromSeconds(180));

            Assert.Contains("Hosting environment: Production", Text(output), StringComparison.Ordinal);
            Assert.Contains("blazor.web.js", await client.GetStringAsync("join"));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("_framework/blazor.web.js")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("_content/MudBlazor/MudBlazor.min.css")).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static JsonElement Profiles() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "PartyProtocol.Web", "Properties", "launchSettings.json")))
            .RootElement.GetProperty("profiles").Clone();

    private static string? EnvironmentOf(JsonElement profile) =>
        profile.TryGetProperty("environmentVariables", out var variables) && variables.TryGetProperty("ASPNETCORE_ENVIRONMENT", out var environment)
            ? environment.GetString()
            : null;

    private static string Text(List<string> output)
    {
        lock (output)
        {
            return string.Join('\n', output);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PartyProtocol.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (PartyProtocol.sln) was not found above the test folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
