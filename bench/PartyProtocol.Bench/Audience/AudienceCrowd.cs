using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using PartyProtocol.Bench.Clients;
using PartyProtocol.Bench.Load;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Bench.Reporting;
using PartyProtocol.Bench.Servers;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Bench.Audience;

/// <summary>
/// The N audience members of the <c>--audience</c> room, as an <see cref="IGameAudience"/> of its one <see cref="BotGame"/>:
/// they join over REST (a few at a time), the servers' memory is read before and after they connect their plain
/// WebSockets (idle, in the lobby), they vote in every vote phase (on those sockets, or over REST with
/// <c>--audience-votes rest</c>), and after the game their seq streams are
/// checked over the players' range. Members alternate over the instances. The TV (the game's screen) reports when the
/// combined result of each vote arrived after its phase closed.
/// </summary>
public sealed class AudienceCrowd(BenchOptions options, IReadOnlyList<Uri> servers, RestClient rest, ConsoleProgress log, int seed) : IGameAudience, IDisposable
{
    /// <summary>Joins and connects in flight at once: people arrive over a while, not all in the same millisecond.</summary>
    public const int Parallelism = 64;

    /// <summary>
    /// Votes in flight at once. A crowd votes in parallel, each phone on its own connection; a narrow gate would queue
    /// the votes in this process (unmeasured) until their phase closed. This bounds the client's sockets only.
    /// </summary>
    public const int VoteParallelism = 512;

    /// <summary>
    /// The moves reported in the servers' own time, as their routes end: the players' of both games (a player's Quiz
    /// answer ends in <c>{code}/answers</c>) and the audience's votes.
    /// </summary>
    private static readonly string[] MeasuredRoutes =
        ["/play", "/lies", "/lies/suggestions", "/guesses", "/reactions", "{code}/answers", "/audience/picks", "/audience/answers"];

    private static readonly string[] VoteRefusals = [ErrorCodes.VoteClosed];
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(Parallelism);
    private readonly SemaphoreSlim _voteGate = new(VoteParallelism);
    private readonly List<AudienceMember> _members = [];
    private readonly TallyWatch _tv = new();
    private readonly ConcurrentDictionary<string, VoteCount> _votes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _finals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _tvLatency = new(StringComparer.Ordinal);
    private CpuMeter? _cpu;
    private ServerRequestTimes? _requestsBefore;
    private CancellationToken _cancellation;
    private string _code = string.Empty;

    public int Size => options.Audience ?? 0;

    public RunMetrics Metrics => rest.Metrics;

    /// <summary>A vote's phase closing → the TV receiving its final combined result (one sample per vote).</summary>
    public LatencyRecorder TallyOnTv { get; } = new();

    /// <summary>The same at every audience member's phone.</summary>
    public LatencyRecorder TallyAtAudience { get; } = new();

    public int Joined { get; private set; }

    public int Connected { get; private set; }

    public MemoryResult? Memory { get; private set; }

    /// <summary>The servers' CPU and GC from the audience connected and idle to the game over (the play, with the votes).</summary>
    public CpuReport? PlayCpu { get; private set; }

    /// <summary>
    /// The players' and the audience's moves in the servers' own time over the play (from their <c>/metrics</c>), when
    /// the servers serve it.
    /// </summary>
    public IReadOnlyList<RouteTime> ServerTimes { get; private set; } = [];

    /// <summary>Each vote: accepted and refused (late) votes, the final count the TV received, and its latency after close.</summary>
    public IReadOnlyList<VoteReport> Votes => _votes.Keys.Union(_finals.Keys).Order(StringComparer.Ordinal).Select(key =>
    {
        var count = _votes.GetValueOrDefault(key);
        return new VoteReport(key, count?.Accepted ?? 0, count?.Refused ?? 0, _finals.TryGetValue(key, out var total) ? total : null,
            _tvLatency.TryGetValue(key, out var ms) ? ms : null);
    }).ToList();

    /// <summary>Members vote within this share of the time left in the phase (from 2 to 40 %), so the phase is still open.</summary>
    public static double ThinkShare(double random) => 0.02 + (random * 0.38);

    public async Task<bool> ArriveAsync(Uri ownerServer, string code, string ownerToken, CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        _code = Uri.EscapeDataString(code);
        if (Size > Core.Audience.AudienceRoom.DefaultCap
            && await rest.SendAsync("audience cap", HttpMethod.Put, new Uri(ownerServer, $"api/sessions/{code}/audience"), ownerToken,
                new { cap = Size }, cancellationToken) is null)
        {
            return false;
        }

        var clock = Stopwatch.StartNew();
        var joined = await ForEachAsync(Enumerable.Range(0, Size), async i =>
        {
            var server = servers[i % servers.Count];
            var reply = await rest.SendAsync("audience join", HttpMethod.Post, new Uri(server, $"api/sessions/{code}/audience"), null, null,
                cancellationToken);
            return reply is { } r && r.TryGetProperty("audienceToken", out var token)
                ? new AudienceMember(this, server, token.GetString()!, unchecked((seed * 1_000_003) + i))
                : null;
        });
        _members.AddRange(joined.OfType<AudienceMember>());
        Joined = _members.Count;
        log.Line(string.Create(CultureInfo.InvariantCulture, $"audience: {Joined:N0} of {Size:N0} joined in {clock.Elapsed.TotalSeconds:0.0} s"));
        if (Joined < Size)
        {
            return false;
        }

        // A few sockets of each instance connect and leave first, so code run once per process is not counted per connection.
        await MemoryProbe.WarmUpAsync(_members.Take(Math.Min(8 * servers.Count, Size)).Select(m =>
            Connections.Create(Transport.WebSocket, m.Server, code, m.Token, new ConnectionCallbacks(_ => { }, (_, _) => { }))).ToList());
        var before = await SnapshotAsync(cancellationToken);
        clock.Restart();
        await ForEachAsync(_members, async member =>
        {
            member.Connection = Connections.Create(Transport.WebSocket, member.Server, code, member.Token, member.Callbacks);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(ConnectTimeout);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await member.Connection.ConnectAsync(limit.Token);
                Metrics.Connect.RecordTicks(Stopwatch.GetTimestamp() - started);
                member.Connected = true;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Metrics.Error("connect_failed", $"{ex.GetType().Name}: {ex.Message}");
            }

            return member;
        });
        Connected = _members.Count(m => m.Connected);
        log.Line(string.Create(CultureInfo.InvariantCulture, $"audience: {Connected:N0} WebSockets connected in {clock.Elapsed.TotalSeconds:0.0} s"));
        await Task.Delay(options.MemorySettle, cancellationToken);
        var after = await SnapshotAsync(cancellationToken);
        if (before is not null && after is not null && Connected > 0)
        {
            Memory = new MemoryResult(Connected, before, after);
            log.Line(string.Create(CultureInfo.InvariantCulture,
                $"audience: {Memory.ManagedBytesPerClient / 1024:0.0} KB managed, {Memory.WorkingSetBytesPerClient / 1024:0.0} KB working set per idle audience connection"));
        }

        _cpu = await CpuMeter.StartAsync(rest.Http, servers, cancellationToken);
        _requestsBefore = await ServerRequestTimes.ReadAsync(rest.Http, servers, cancellationToken);
        return Connected == Size;
    }

    public void OnScreenEvent(ReceivedEvent received)
    {
        if (received.Type == TallyWatch.AudienceUpdated && TallyWatch.FinalTally(received.Data) is { } final)
        {
            _finals.TryAdd(final.Key, final.Total);
        }

        if (_tv.Observe(received) is { } seen)
        {
            TallyOnTv.Record(seen.AfterClose);
            _tvLatency.TryAdd(seen.Key, Math.Round(seen.AfterClose.TotalMilliseconds, 2));
        }
    }

    /// <summary>
    /// One member's vote after its think time, a few at a time. A vote the phase closed before (<c>vote_closed</c>) is a
    /// refusal, not an error; any vote not accepted counts as refused (other causes are errors as well). Time spent
    /// waiting for the gate is not in the vote's latency.
    /// </summary>
    public async Task VoteAsync(AudienceMember member, string key, TimeSpan think, object body)
    {
        var count = _votes.GetOrAdd(key, _ => new VoteCount());
        try
        {
            await Task.Delay(think, _cancellation);
            await _voteGate.WaitAsync(_cancellation);
            try
            {
                var reply = options.AudienceVotesOverRest || member.Connection is not RawEventSocket socket
                    ? await rest.SendAsync("audience vote", HttpMethod.Post,
                        new Uri(member.Server, $"api/sessions/{_code}/{(options.Game == BenchGame.Quiz ? "audience/answers" : "audience/picks")}"),
                        member.Token, body, _cancellation, VoteRefusals)
                    : await VoteOnSocketAsync(socket, body);
                if (reply is { } accepted && accepted.TryGetProperty("result", out var result) && result.TryGetProperty("vote", out var vote)
                    && vote.GetString() is { } votedIn)
                {
                    _votes.GetOrAdd(votedIn, _ => new VoteCount()).Accept();
                }
                else
                {
                    count.Refuse();
                }
            }
            finally
            {
                _voteGate.Release();
            }
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // The game was abandoned; its failure is recorded there.
        }
    }

    // The same vote as a move message on the member's socket; a refusal is classified as RestClient classifies one.
    private async Task<System.Text.Json.JsonElement?> VoteOnSocketAsync(RawEventSocket socket, object body)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var reply = await socket.MoveAsync(options.Game == BenchGame.Quiz ? "audience_answer" : "audience_pick", body, _cancellation);
            Metrics.SocketMoveCompleted("audience vote (WebSocket)", Stopwatch.GetTimestamp() - started);
            if (reply.GetProperty("ok").GetBoolean())
            {
                return reply;
            }

            var code = reply.GetProperty("error").GetProperty("code").GetString();
            Metrics.Refused(code, VoteRefusals, $"socket_{code ?? "no_code"}", $"audience vote on the WebSocket: {reply.GetRawText()}");
            return null;
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or ObjectDisposedException && !_cancellation.IsCancellationRequested)
        {
            Metrics.Error("socket_exception", $"audience vote on the WebSocket: {ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }

    public async Task<bool> SettleAsync(long firstSeq, long lastSeq, CancellationToken cancellationToken)
    {
        var connected = _members.Where(m => m.Connected).ToList();
        Task finished = Task.WhenAll(connected.Select(m => m.Finished));
        await finished.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_cpu is not null)
        {
            PlayCpu = await _cpu.StopAsync();
        }

        if (_requestsBefore is not null && await ServerRequestTimes.ReadAsync(rest.Http, servers, cancellationToken) is { } requestsAfter)
        {
            ServerTimes = requestsAfter.Since(_requestsBefore, MeasuredRoutes);
        }

        var missing = connected.Count(m => !m.Finished.IsCompletedSuccessfully);
        if (missing > 0)
        {
            Metrics.Error("game_timeout", $"{missing} audience members did not see the game over within 60 s of the players");
        }

        await Task.WhenAll(connected.Select(m => m.WhenIdleAsync())).WaitAsync(TimeSpan.FromSeconds(40), cancellationToken)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // The last vote's final tally comes within the broadcaster's interval of its close, long before the game over; wait a little anyway.
        for (var waited = 0; waited < 50 && _votes.Keys.Any(k => !_finals.ContainsKey(k)); waited++)
        {
            await Task.Delay(100, cancellationToken);
        }

        foreach (var member in connected)
        {
            var (lost, repeated, late) = member.Sequence.Verdict(firstSeq, lastSeq);
            Metrics.SequenceProblems(lost, repeated, late, member.Sequence.Notes);
        }

        return missing == 0 && Connected == Size;
    }

    public async Task CloseAsync()
    {
        await ForEachAsync(_members, async member =>
        {
            if (member.Connection is { } connection)
            {
                await connection.CloseAsync();
                await connection.DisposeAsync();
            }

            return member;
        });
    }

    public void Dispose()
    {
        _gate.Dispose();
        _voteGate.Dispose();
    }

    private async Task<MemorySnapshot?> SnapshotAsync(CancellationToken cancellationToken)
    {
        var all = new List<MemorySnapshot>();
        foreach (var server in servers)
        {
            if (await MemoryProbe.SnapshotAsync(rest.Http, server, cancellationToken) is not { } snapshot)
            {
                return null;
            }

            all.Add(snapshot);
        }

        return all.Aggregate(new MemorySnapshot(0, 0, 0, 0), (a, b) => new MemorySnapshot(a.ManagedHeapBytes + b.ManagedHeapBytes,
            a.WorkingSetBytes + b.WorkingSetBytes, a.GcHeapSizeBytes + b.GcHeapSizeBytes, a.GcCommittedBytes + b.GcCommittedBytes));
    }

    private async Task<List<T?>> ForEachAsync<TItem, T>(IEnumerable<TItem> items, Func<TItem, Task<T?>> action)
    {
        return [.. await Task.WhenAll(items.Select(async item =>
        {
            await _gate.WaitAsync();
            try
            {
                return await action(item);
            }
            finally
            {
                _gate.Release();
            }
        }))];
    }

    private sealed class VoteCount
    {
        private long _accepted;
        private long _refused;

        public long Accepted => Interlocked.Read(ref _accepted);

        public long Refused => Interlocked.Read(ref _refused);

        public void Accept() => Interlocked.Increment(ref _accepted);

        public void Refuse() => Interlocked.Increment(ref _refused);
    }
}

/// <summary>One vote of the game: votes accepted and refused, the final total the TV was shown, and when (ms after its phase closed).</summary>
public sealed record VoteReport(string Key, long Accepted, long Refused, long? FinalTotal, double? TallyOnTvMs)
{
    public bool Counted => FinalTotal == Accepted;
}
