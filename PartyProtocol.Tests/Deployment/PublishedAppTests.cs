using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace PartyProtocol.Tests.Deployment;

/// <summary>
/// What an operator does: <c>dotnet publish PartyProtocol.Web -c Release -o out</c>, then runs <c>out/PartyProtocol.Web</c>
/// from another directory. The folder is complete: it reads its own settings, serves its pages and assets, and is healthy.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PublishedAppTests : IDisposable
{
    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("partyprotocol-publish-");
    private readonly DirectoryInfo _elsewhere = Directory.CreateTempSubdirectory("partyprotocol-cwd-");

    [Fact]
    public async Task ThePublishedFolderRunsFromAnotherDirectoryAndAnswersHealthz()
    {
        var repository = AppProcess.RepositoryRoot();
        // test.sh builds the solution in Release first; publishing that build only copies it (and the web assets).
        var publish = await RunAsync("dotnet", repository, ["publish", "PartyProtocol.Web", "-c", "Release", "--no-build", "-o", _out.FullName, "-nologo", "-v", "q"]);
        Assert.True(publish.ExitCode == 0, publish.Output);
        var app = Path.Combine(_out.FullName, "PartyProtocol.Web");
        Assert.True(File.Exists(app), "The publish folder has no PartyProtocol.Web executable.");

        var info = new ProcessStartInfo(app) { WorkingDirectory = _elsewhere.FullName };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        await using var published = AppProcess.Start(info);

        var health = await published.WaitForHealthzAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var checks = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("accounts").GetProperty("status").GetString());

        var page = await published.Client.GetStringAsync("host");
        Assert.Contains("blazor.web.js", page);
        Assert.Equal(HttpStatusCode.OK, (await published.Client.GetAsync("_framework/blazor.web.js")).StatusCode);
        // Its own appsettings.json was read (it quiets EF Core's SQL), and its database sits in its own folder.
        Assert.DoesNotContain(published.Output, l => l.Contains("Executed DbCommand", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_out.FullName, "partyprotocol.db")));
        Assert.Empty(_elsewhere.GetFiles());
    }

    public void Dispose()
    {
        foreach (var folder in new[] { _out, _elsewhere })
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string workingDirectory, string[] arguments)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
