using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PartyProtocol.Bench.Servers;

/// <summary>
/// A Kestrel app run as a child process on 127.0.0.1:0: its address is read from the "Now listening on:" log line,
/// its output is drained (so a full pipe never blocks it) and the last lines are kept for error messages.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private const int KeptLines = 40;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastLines = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public Uri Address => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : throw new InvalidOperationException($"{Name} is not listening.");

    public int ProcessId => _process.Id;

    /// <summary>Starts <c>dotnet dll args</c> and waits until it listens.</summary>
    public static async Task<ServerProcess> StartAsync(string name, string dll, IEnumerable<string> args,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var server = new ServerProcess(new Process { StartInfo = info, EnableRaisingEvents = true }, name);
        server._process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.Exited += (_, _) => server._listening.TrySetException(
            new InvalidOperationException($"{name} exited with code {server._process.ExitCode} before listening.\n{server.Tail()}"));
        if (!server._process.Start())
        {
            throw new InvalidOperationException($"Could not start {name}.");
        }

        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server._listening.Task.WaitAsync(timeout, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>The last lines the process printed (for error messages).</summary>
    public string Tail() => string.Join('\n', _lastLines);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Closing stdin is not a stop signal for Kestrel; the benchmark's servers hold nothing worth a graceful stop.
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lastLines.Enqueue(line);
        while (_lastLines.Count > KeptLines)
        {
            _lastLines.TryDequeue(out _);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            var address = match.Groups[1].Value.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
                .Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/";
            _listening.TrySetResult(new Uri(address));
        }
    }

    /// <summary>The <c>dotnet</c> executable: the one running us when we run under it, else the SDK's or PATH's.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }

    [GeneratedRegex(@"Now listening on:\s*(http://\S+)")]
    private static partial Regex ListeningLine();
}
