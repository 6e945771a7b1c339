using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace PartyProtocol.Tests.Web.Scaleout;

/// <summary>
/// The Redis the tests use: the shared server test.sh starts (<c>PARTYPROTOCOL_TEST_REDIS</c>), or a private
/// redis-server process (<c>PARTYPROTOCOL_REDIS_SERVER</c>) on its own loopback port for tests that stop, restart or
/// cut it. Missing variables fail the test with instructions rather than skipping it.
/// </summary>
public sealed class RedisTestServer : IAsyncDisposable
{
    public const string ConnectionVariable = "PARTYPROTOCOL_TEST_REDIS";
    public const string ServerVariable = "PARTYPROTOCOL_REDIS_SERVER";

    private readonly string _executable;
    private readonly string _folder = Directory.CreateTempSubdirectory("partyprotocol-redis-").FullName;
    private Process? _process;

    private RedisTestServer(string executable, int port)
    {
        _executable = executable;
        Port = port;
    }

    /// <summary>The shared server's connection string.</summary>
    public static string SharedConnectionString => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{ConnectionVariable} is not set. Run ./test.sh, or start a server with `redis-server --port 6390 --save '' --daemonize yes` " +
            $"and `export {ConnectionVariable}=127.0.0.1:6390 {ServerVariable}=$(command -v redis-server)`.");

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts a private redis-server that writes its snapshot to a temp folder, so a restart keeps the data.</summary>
    public static async Task<RedisTestServer> StartAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } path
            ? path
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run ./test.sh, or `export {ServerVariable}=$(command -v redis-server)`.");
        var server = new RedisTestServer(executable, FreePort());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and folder, and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        var info = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder, "--daemonize", "no" })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await AnswersPingAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server on port {Port} did not answer within 15 s.");
    }

    /// <summary>Stops the server; with <paramref name="save"/> it writes its data first, so a restart keeps it.</summary>
    public async Task StopAsync(bool save)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var admin = await AdminAsync())
        {
            try
            {
                await admin.GetDatabase().ExecuteAsync("SHUTDOWN", save ? "SAVE" : "NOSAVE");
            }
            catch (RedisException)
            {
                // The server closes the connection as it goes down.
            }
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Freezes the server (SIGSTOP): its sockets stay open and it answers nothing, as a Redis stalled by the machine,
    /// a long fork or a swap storm does. <see cref="ResumeAsync"/> or dispose lets it go on.
    /// </summary>
    public Task PauseAsync() => SignalAsync("STOP");

    /// <summary>Lets a paused server go on (SIGCONT); it answers what was sent meanwhile.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary>Kills the server at once (SIGKILL): nothing written since its last snapshot survives.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Writes a snapshot now; a restart after <see cref="KillAsync"/> comes back to exactly this.</summary>
    public async Task SaveAsync()
    {
        using var admin = await AdminAsync();
        await admin.GetDatabase().ExecuteAsync("SAVE");
    }

    /// <summary>An admin connection (CLIENT KILL, SHUTDOWN, ...).</summary>
    public Task<ConnectionMultiplexer> AdminAsync() => ConnectAdminAsync(ConnectionString);

    public static async Task<ConnectionMultiplexer> ConnectAdminAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AllowAdmin = true;
        options.ClientName = "partyprotocol-test-admin";
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        // SIGKILL ends a paused process as well.
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; nothing else uses the folder.
        }
    }

    private async Task SignalAsync(string signal)
    {
        var process = _process is { HasExited: false } running ? running : throw new InvalidOperationException("redis-server is not running.");
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, process.Id.ToString() }, UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} failed with {kill.ExitCode}.");
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
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
}
