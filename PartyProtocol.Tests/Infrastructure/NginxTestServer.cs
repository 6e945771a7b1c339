using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace PartyProtocol.Tests.Infrastructure;

/// <summary>
/// A real nginx (<c>PARTYPROTOCOL_NGINX</c>, installed by test.sh) running the shipped
/// <c>deploy/nginx/partyprotocol.conf</c> as an ordinary process: its own prefix, configuration and temp folders in a
/// temp directory, in the foreground (<c>daemon off</c>), on a free loopback port, in front of the given instances.
/// Only the listen address and the upstream servers of the shipped file are changed.
/// </summary>
public sealed partial class NginxTestServer : IAsyncDisposable
{
    public const string Variable = "PARTYPROTOCOL_NGINX";

    private readonly DirectoryInfo _folder;
    private readonly Process _process;
    private readonly List<string> _output = [];

    private NginxTestServer(DirectoryInfo folder, Process process, int port)
    {
        _folder = folder;
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    /// <summary>The nginx configuration as run (the shipped file with this run's addresses).</summary>
    public string Configuration => File.ReadAllText(Path.Combine(_folder.FullName, "partyprotocol.conf"));

    public static async Task<NginxTestServer> StartAsync(IEnumerable<Uri> upstreams)
    {
        var executable = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
            ? path
            : throw new InvalidOperationException($"{Variable} is not set. Run ./test.sh, or `apt-get install nginx` and `export {Variable}=$(command -v nginx)`.");
        var folder = Directory.CreateTempSubdirectory("partyprotocol-nginx-");
        var port = FreePort();
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "deploy", "nginx", "partyprotocol.conf"));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "partyprotocol.conf"), Adapt(shipped, port, upstreams));

        // Started as root, nginx's workers run as nobody: they must reach the folder and write its temp folders.
        var temp = Path.Combine(folder.FullName, "temp");
        Directory.CreateDirectory(temp);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(temp, (UnixFileMode)0b111_111_111);
        }

        var main = Path.Combine(folder.FullName, "nginx.conf");
        await File.WriteAllTextAsync(main, $$"""
            daemon off;
            worker_processes 1;
            pid {{folder.FullName}}/nginx.pid;
            error_log {{folder.FullName}}/error.log info;
            events { worker_connections 1024; }
            http {
                access_log {{folder.FullName}}/access.log;
                client_body_temp_path {{temp}}/body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;
                include {{folder.FullName}}/partyprotocol.conf;
            }
            """);

        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-p", folder.FullName, "-c", main, "-e", Path.Combine(folder.FullName, "error.log") })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("nginx did not start.");
        var server = new NginxTestServer(folder, process, port);
        process.OutputDataReceived += (_, e) => server.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {server.Log()}");
            }

            if (await AcceptsAsync(port))
            {
                return server;
            }

            await Task.Delay(50);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"nginx did not listen on {port} within 15 s: {server.Log()}");
    }

    /// <summary>What nginx wrote to its error log and console (for failure messages).</summary>
    public string Log()
    {
        var errorLog = Path.Combine(_folder.FullName, "error.log");
        lock (_output)
        {
            return string.Join('\n', _output) + (File.Exists(errorLog) ? "\n" + File.ReadAllText(errorLog) : string.Empty);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // The master and its worker: this process tree only.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    /// <summary>The shipped file with this run's listen address and upstream servers, their parameters kept.</summary>
    internal static string Adapt(string shipped, int port, IEnumerable<Uri> upstreams)
    {
        var servers = UpstreamServer().Matches(shipped);
        if (servers.Count < 2 || !ListenLine().IsMatch(shipped))
        {
            throw new InvalidOperationException("deploy/nginx/partyprotocol.conf no longer has the shape this test adapts: two upstream servers and `listen 80;`.");
        }

        var parameters = servers[0].Groups["parameters"].Value;
        var indent = servers[0].Groups["indent"].Value;
        var replacement = string.Join('\n', upstreams.Select(u => $"{indent}server {u.Host}:{u.Port} {parameters};"));
        var adapted = shipped[..servers[0].Index] + replacement + shipped[(servers[^1].Index + servers[^1].Length)..];
        return ListenLine().Replace(adapted, $"listen 127.0.0.1:{port};");
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^(?<indent>[ \t]*)server 127\.0\.0\.1:\d+ (?<parameters>[^;\n]*);[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"listen 80;")]
    private static partial Regex ListenLine();
}
