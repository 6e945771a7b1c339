using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PartyProtocol.Tests.Web.Realtime;

namespace PartyProtocol.Tests.Deployment;

/// <summary>
/// PartyProtocol.Web run as its own process, the way a developer (<c>dotnet run</c>) or an operator (a published folder)
/// starts it: on a free loopback port, its output captured for the assertion messages, killed with its children at the
/// end.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private AppProcess(ProcessStartInfo info, int port)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>A client for the app's address.</summary>
    public HttpClient Client { get; }

    /// <summary>The lines the app wrote to stdout and stderr so far.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>Starts <paramref name="info"/> (file, arguments, environment) with <c>--urls</c> on a free loopback port.</summary>
    public static AppProcess Start(ProcessStartInfo info) => new(info, FreePort());

    /// <summary>Waits until <c>/healthz</c> answers at all (healthy or not) and returns that answer; fails if the app exits.</summary>
    public async Task<HttpResponseMessage> WaitForHealthzAsync(TimeSpan timeout)
    {
        HttpResponseMessage? health = null;
        await Eventually.TrueAsync(async () =>
        {
            Assert.False(_process.HasExited, "The app exited:\n" + string.Join('\n', Output));
            try
            {
                health = await Client.GetAsync("healthz");
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the app to listen", timeout);
        return health!;
    }

    /// <summary>The repository's root folder (where PartyProtocol.sln is), above the test's output folder.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PartyProtocol.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository (PartyProtocol.sln) is not above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Record(string? line)
    {
        lock (_output)
        {
            _output.Add(line ?? string.Empty);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
