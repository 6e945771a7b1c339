using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Bench.Reporting;

namespace PartyProtocol.Bench.Clients;

/// <summary>
/// One Node process holding JavaScript real-time clients (<c>bench/js/clients.mjs</c>): the official SignalR client for
/// the hub, a plain <c>ws</c> socket for the WebSocket. The bench tells it over stdin which connections to open and
/// close; it reports over stdout when each opened and every event each received, stamped on arrival in Node. Installs
/// the clients' packages with <c>npm ci</c> the first time (bench/js/node_modules is not committed).
/// </summary>
public sealed class NodeClients : IAsyncDisposable
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);
    private const int KeptLines = 20;

    private readonly Process _process;
    private readonly ConcurrentDictionary<int, NodeEventConnection> _connections = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly Lock _writeGate = new();
    private readonly Task _reading;
    private int _nextId;
    private volatile bool _exiting;

    private NodeClients(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginErrorReadLine();
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Starts the clients' process, installing its packages first if they are missing.</summary>
    public static async Task<NodeClients> StartAsync(ConsoleProgress log, CancellationToken cancellationToken)
    {
        var directory = ScriptDirectory();
        await EnsureInstalledAsync(directory, log, cancellationToken);
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        info.ArgumentList.Add("clients.mjs");
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException("The JavaScript clients need Node.js (18 or later) on the PATH: " + ex.Message, ex);
        }

        return new NodeClients(process);
    }

    /// <summary>A hub client (<paramref name="kind"/> <c>hub</c>) or a plain WebSocket client (<c>ws</c>) of <paramref name="address"/>.</summary>
    public IEventConnection Create(string kind, Uri address, ConnectionCallbacks callbacks)
    {
        var id = Interlocked.Increment(ref _nextId);
        var connection = new NodeEventConnection(this, id, kind, address, callbacks);
        _connections[id] = connection;
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        _exiting = true;
        try
        {
            Send(new { op = "exit" });
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        using var wait = new CancellationTokenSource(ExitTimeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
    }

    /// <summary>The processor time the clients' process has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            try
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    internal void Send(object command)
    {
        var line = JsonSerializer.Serialize(command);
        lock (_writeGate)
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
        }
    }

    internal void Forget(int id) => _connections.TryRemove(id, out _);

    private async Task ReadAsync()
    {
        var output = _process.StandardOutput;
        while (await output.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                Dispatch(line);
            }
        }

        // The process ended: whatever still waits for it fails now rather than at its timeout.
        var reason = _exiting ? "the clients' process ended" : "the clients' process ended unexpectedly: " + string.Join(" | ", _stderr);
        foreach (var connection in _connections.Values)
        {
            connection.Ended(reason, unexpected: !_exiting);
        }
    }

    private void Dispatch(string line)
    {
        JsonElement message;
        try
        {
            message = JsonSerializer.Deserialize<JsonElement>(line);
        }
        catch (JsonException)
        {
            Keep("not a protocol line: " + line);
            return;
        }

        if (!_connections.TryGetValue(message.GetProperty("id").GetInt32(), out var connection))
        {
            return;
        }

        switch (message.GetProperty("k").GetString())
        {
            case "e":
                var arrived = DateTimeOffset.UnixEpoch.AddTicks((long)(message.GetProperty("t").GetDouble() * TimeSpan.TicksPerMillisecond));
                connection.Received(message.GetProperty("m"), arrived, message.GetProperty("b").GetInt32());
                break;
            case "open":
                connection.Opened();
                break;
            case "fail":
                connection.Failed(message.GetProperty("error").GetString() ?? "failed");
                break;
            case "drop":
                connection.Dropped(message.GetProperty("error").GetString() ?? "dropped");
                break;
            case "closed":
                connection.Closed();
                break;
        }
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        _stderr.Enqueue(line);
        while (_stderr.Count > KeptLines)
        {
            _stderr.TryDequeue(out _);
        }
    }

    /// <summary>bench/js, found from this tool's build output or the current directory.</summary>
    private static string ScriptDirectory()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "js");
                if (File.Exists(Path.Combine(candidate, "clients.mjs")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("Could not find bench/js/clients.mjs above the tool's folder or the current directory.");
    }

    private static async Task EnsureInstalledAsync(string directory, ConsoleProgress log, CancellationToken cancellationToken)
    {
        static bool Installed(string directory) =>
            File.Exists(Path.Combine(directory, "node_modules", "@microsoft", "signalr", "package.json"))
            && File.Exists(Path.Combine(directory, "node_modules", "ws", "package.json"));

        if (Installed(directory))
        {
            return;
        }

        // One installer at a time (two bench runs, or a run and the test suite, may start together).
        await using var installing = await LockAsync(Path.Combine(directory, ".npm-ci.lock"), cancellationToken);
        if (Installed(directory))
        {
            return;
        }

        log.Line($"bench: installing the JavaScript clients (npm ci in {directory})...");
        var info = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var arg in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            info.ArgumentList.Add(arg);
        }

        using var npm = new Process { StartInfo = info };
        try
        {
            npm.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("Installing the JavaScript clients needs npm on the PATH: " + ex.Message, ex);
        }

        var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = npm.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(InstallTimeout);
        try
        {
            await npm.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm ci in {directory} did not finish within {InstallTimeout.TotalMinutes} minutes.");
        }

        if (npm.ExitCode != 0 || !Installed(directory))
        {
            throw new InvalidOperationException($"npm ci in {directory} failed (exit code {npm.ExitCode}): {await errors}{await output}");
        }
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }
}

/// <summary>One client in the Node process: connected when its JavaScript client says so, with no ping after it.</summary>
internal sealed class NodeEventConnection(NodeClients host, int id, string kind, Uri address, ConnectionCallbacks callbacks) : IEventConnection
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closeSent;
    private volatile bool _closing;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        host.Send(new { op = "connect", id, kind, url = address.ToString() });
        await _opened.Task.WaitAsync(cancellationToken);
    }

    public async Task CloseAsync()
    {
        _closing = true;
        if (Interlocked.Exchange(ref _closeSent, 1) == 1)
        {
            return;
        }

        try
        {
            host.Send(new { op = "close", id });
            await _closed.Task.WaitAsync(CloseTimeout);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or InvalidOperationException)
        {
            // The process is gone or slow to answer: nothing more to close on our side.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        host.Forget(id);
    }

    internal void Opened() => _opened.TrySetResult();

    internal void Failed(string error) => _opened.TrySetException(new InvalidOperationException($"{kind} {address.AbsolutePath}: {error}"));

    internal void Closed() => _closed.TrySetResult();

    internal void Dropped(string error)
    {
        if (!_closing)
        {
            callbacks.OnFailure("disconnect", $"{address.AbsolutePath}: {error}");
        }
    }

    internal void Ended(string reason, bool unexpected)
    {
        Failed(reason);
        _closed.TrySetResult();
        if (unexpected && _opened.Task.IsCompletedSuccessfully)
        {
            Dropped(reason);
        }
    }

    internal void Received(JsonElement envelope, DateTimeOffset arrived, int frameBytes)
    {
        var received = ReceivedEvent.From(envelope, arrived, frameBytes);
        if (received is null)
        {
            callbacks.OnFailure("bad_frame", $"{kind} {address.AbsolutePath}: a message that is not an event envelope");
            return;
        }

        callbacks.OnEvent(received);
    }
}
