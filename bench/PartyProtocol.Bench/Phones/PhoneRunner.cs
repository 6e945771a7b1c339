using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using PartyProtocol.Bench.Clients;
using PartyProtocol.Bench.Load;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Bench.Reporting;
using PartyProtocol.Bench.Servers;
using PartyProtocol.Core.Cartridges.Bluff;

namespace PartyProtocol.Bench.Phones;

/// <summary>
/// <c>--phones N</c>: the real screens under load. N phone pages (rooms of <c>--players</c>) and one TV page per room in
/// headless Chromium; the phones join through <c>/join</c> and play whole games through their pages (typing lies, "lie
/// for me", tapping answers, reacting; or tapping Quiz's choices), while the owner's REST calls stand for the host's
/// remote (play, and Quiz's "next"). The rooms play in lockstep, so the server's CPU and allocation counters can be read
/// around each kind of work — a phase starting, moves coming in, keystrokes, timer-driven steps — and divided by what the
/// pages rendered. Memory per circuit is read after a full GC with the TVs and then the phones idle in the lobby.
/// </summary>
public static class PhoneRunner
{
    private const float ActionTimeoutMs = 30_000;
    private const int JoinParallelism = 6;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    public static async Task<PhoneReport> RunAsync(BenchOptions options, string command, TextWriter output, CancellationToken cancellationToken)
    {
        var log = new ConsoleProgress(output);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var loadAtStart = Machine.LoadAverage();
        var seed = options.Seed ?? Random.Shared.Next();
        using var hard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hard.CancelAfter(options.Timeout ?? TimeSpan.FromMinutes(10 + (options.Phones!.Value * 0.3)));
        var run = new Run(options with
        {
            // The phones act as fast as the machine lets them; only the reveal runs on the game's clock, slowly enough
            // for the pages to settle between its steps.
            RevealStepSeconds = Math.Max(options.RevealStepSeconds, 3),
            ScoreboardSeconds = Math.Max(options.ScoreboardSeconds, 3),
            LieSeconds = Math.Max(options.LieSeconds, 120),
            GuessSeconds = Math.Max(options.GuessSeconds, 120),
            QuestionSeconds = Math.Max(options.QuestionSeconds, 60),
        }, log, new Random(seed), hard.Token);
        string? aborted = null;
        log.Line($"phones: {options.Phones} phones in rooms of {options.Players}, {options.Game}, {options.Games} game(s)");
        try
        {
            await run.ExecuteAsync();
        }
        catch (OperationCanceledException) when (hard.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            aborted = "the hard limit passed; figures are partial";
            log.Line(aborted);
        }
        finally
        {
            await run.DisposeAsync();
        }

        var report = run.Report(started, command, loadAtStart, seed, Math.Round(clock.Elapsed.TotalSeconds, 1), aborted);
        log.Raw(PhoneReport.Format(report));
        await Machine.WriteReportAsync(report, options.Out ?? Machine.DefaultOutPath(started, "phones"), log);
        return report;
    }

    private sealed class Run(BenchOptions measured, ConsoleProgress log, Random random, CancellationToken token) : IAsyncDisposable
    {
        private BenchOptions options = measured;
        private readonly HttpClient _http = RestClient.CreateHttpClient();
        private readonly RunMetrics _metrics = new();
        private LatencyRecorder _phoneLatency = new();
        private LatencyRecorder _tvLatency = new();
        private readonly Dictionary<string, WindowTotals> _windows = new(StringComparer.Ordinal);
        private readonly List<PhoneRoom> _rooms = [];
        private TargetServers? _servers;
        private IPlaywright? _playwright;
        private IBrowser? _browser;
        private RestClient _rest = default!;
        private Uri _server = default!;
        private double _idleCpuMsPerSecond;
        private double _idleAllocPerSecond;
        private CircuitMemory? _memory;
        private UsageReport? _usage;
        private int _keystrokes;
        private int _gamesCompleted;

        private IEnumerable<PhonePage> AllPages => _rooms.SelectMany(r => r.Pages);

        public async Task ExecuteAsync()
        {
            _servers = await TargetServers.StartOrAttachAsync(options with { Redis = null, ServerEnvironment = ServerEnvironment(options) }, null, log, token);
            _server = _servers.Urls[0];
            _rest = new RestClient(_http, _metrics);
            _playwright = await Playwright.CreateAsync();
            _browser = await PhoneBrowser.LaunchAsync(_playwright, options.ChromiumPath);
            log.Line($"chromium {_browser.Version} from {options.ChromiumPath}");

            if (options.Warmup > 0)
            {
                await WarmUpAsync();
            }

            await CreateRoomsAsync();
            var empty = await MemoryProbe.SnapshotAsync(_http, _server, token)
                ?? throw new InvalidOperationException("The server does not serve the diagnostics endpoints (Diagnostics:Enabled=true).");
            await Task.WhenAll(_rooms.Select(OpenTvAsync));
            await Task.Delay(options.MemorySettle, token);
            var withTvs = (await MemoryProbe.SnapshotAsync(_http, _server, token))!;
            log.Line($"{_rooms.Count} TVs open; joining {options.Phones} phones...");
            await JoinAllAsync();

            await Task.Delay(options.MemorySettle, token);
            var withPhones = (await MemoryProbe.SnapshotAsync(_http, _server, token))!;
            var phones = _rooms.Sum(r => r.Phones.Count());
            _memory = new CircuitMemory(_rooms.Count, phones, empty, withTvs, withPhones);
            log.Line(string.Create(CultureInfo.InvariantCulture,
                $"idle in the lobby: {_memory.PhoneManagedBytes / 1024:0.0} KB managed, {_memory.PhoneWorkingSetBytes / 1024:0.0} KB working set per phone circuit; {_memory.TvManagedBytes / 1024:0.0} KB managed per TV"));

            await TakeLogsAsync(null);

            var usageStart = await Usage.StartAsync(this);
            for (var game = 0; game < options.Games; game++)
            {
                if (game > 0)
                {
                    log.Line("a new game in every room: the phones join again");
                    await NewGameAsync();
                }

                if (options.Game == BenchGame.Quiz)
                {
                    await PlayQuizAsync();
                }
                else
                {
                    await PlayBluffAsync();
                }

                _gamesCompleted++;
            }

            _usage = await usageStart.StopAsync();

            // The idle server's own rate (keep-alives, timers) with every page still open and warm, taken off every window.
            var idleStart = await CountersAsync();
            await Task.Delay(TimeSpan.FromSeconds(5), token);
            var idleEnd = await CountersAsync();
            _idleCpuMsPerSecond = Math.Max(0, (idleEnd.CpuMs - idleStart.CpuMs) / 5);
            _idleAllocPerSecond = Math.Max(0, (idleEnd.AllocatedBytes - idleStart.AllocatedBytes) / 5.0);
        }

        /// <summary>
        /// One room of a few phones plays one unmeasured round first, so the measured rooms meet code the server has
        /// already compiled (the first render of each screen is otherwise counted as the first phase's cost).
        /// </summary>
        private async Task WarmUpAsync()
        {
            var measured = options;
            options = options with { Phones = Math.Min(3, options.Players), Rounds = 1, Questions = 5 };
            log.Line("warm-up: one room plays one unmeasured round...");
            await CreateRoomsAsync();
            await Task.WhenAll(_rooms.Select(OpenTvAsync));
            foreach (var room in _rooms)
            {
                foreach (var name in Seats(room))
                {
                    await JoinAsync(room, name);
                }
            }

            await TakeLogsAsync(null);
            if (options.Game == BenchGame.Quiz)
            {
                options = options with { Questions = 1 };
                await WindowAsync("phase start", () => ForRoomsAsync(r => OwnerAsync(r, "play")));
                await WindowAsync("move in (answer)", () => ForSeatsAsync(all: false, (_, _, phone) => TapChoiceAsync(phone)));
                await WindowAsync("phase start", () => ForLastSeatAsync((_, _, phone) => TapChoiceAsync(phone)));
            }
            else
            {
                await PlayBluffAsync();
            }

            foreach (var room in _rooms)
            {
                await _rest.SendAsync("exit", HttpMethod.Post, new Uri(_server, $"api/sessions/{room.Code}/exit"), room.OwnerToken, null, token);
                await room.Listener!.CloseAsync();
                await room.Listener.DisposeAsync();
                foreach (var page in room.Pages)
                {
                    await page.Context.CloseAsync();
                }
            }

            _rooms.Clear();
            _windows.Clear();
            _phoneLatency = new LatencyRecorder();
            _tvLatency = new LatencyRecorder();
            _keystrokes = 0;
            options = measured;
        }

        /// <summary>
        /// A build's output (not a published folder) serves Blazor's and MudBlazor's scripts only in Development, so the
        /// phones' server runs in Development there, with Production's log level; a published folder (wwwroot beside the
        /// dll, --server-dll out/PartyProtocol.Web.dll) runs in Production like the bots' servers.
        /// </summary>
        private static Dictionary<string, string> ServerEnvironment(BenchOptions options)
        {
            var environment = new Dictionary<string, string>(options.ServerEnvironment, StringComparer.Ordinal);
            var dll = options.ServerDll ?? (options.Urls.Count == 0 ? TargetServers.FindWebDll() : null);
            if (dll is not null && !Directory.Exists(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dll))!, "wwwroot")))
            {
                environment.TryAdd("ASPNETCORE_ENVIRONMENT", "Development");
                environment.TryAdd("Logging__LogLevel__Default", "Warning");
                environment.TryAdd("Logging__LogLevel__Microsoft.Hosting.Lifetime", "Information");
            }

            return environment;
        }

        // ---- Bluff ----

        private async Task PlayBluffAsync()
        {
            for (var round = 1; round <= options.Rounds; round++)
            {
                if (round == 1)
                {
                    await WindowAsync("phase start", () => ForRoomsAsync(r => OwnerAsync(r, "play")));
                }

                log.Line($"round {round}: typing and lies");
                var lieForMe = _rooms.ToDictionary(r => r, r => r.Phones.Select(_ => Chance(options.LieForMeRate)).ToList());
                await WindowAsync("keystroke", () => ForSeatsAsync(all: true, async (room, seat, phone) =>
                {
                    if (!lieForMe[room][seat])
                    {
                        await TypeLieAsync(phone);
                    }
                }), perKeystroke: true);
                log.Line($"round {round}: {Volatile.Read(ref _keystrokes)} keystrokes typed so far");
                await WindowAsync("move in (lie)", () => ForSeatsAsync(all: false, (room, seat, phone) => SubmitLieAsync(phone, lieForMe[room][seat])));
                await WindowAsync("phase start", () => ForLastSeatAsync((room, seat, phone) => SubmitLieAsync(phone, lieForMe[room][seat])));

                log.Line($"round {round}: guesses and reactions");
                await WindowAsync("move in (guess, reaction)", () => ForSeatsAsync(all: false, (_, _, phone) => GuessAndReactAsync(phone)));
                // The reveal's steps run on the server's timers from the last guess on: whatever of them happens while
                // that phase start settles is counted there, the rest in the timer window.
                var mark = _rooms.ToDictionary(r => r, r => r.LatestSeq);
                await WindowAsync("phase start", () => ForLastSeatAsync((_, _, phone) => GuessAsync(phone)));

                log.Line($"round {round}: the reveal runs on the server's timers");
                await WindowAsync("timer step (reveal)", () => UntilAsync(r => r.SawAfter(BluffEvents.Scoreboard, mark[r])));
                var next = round < options.Rounds ? BluffEvents.LieStarted : BluffEvents.GameOver;
                await WindowAsync("phase start", () => UntilAsync(r => r.SawAfter(next, mark[r])));
            }
        }

        private async Task TypeLieAsync(PhonePage phone)
        {
            var input = phone.Page.Locator("input[data-testid=lie-input]");
            var text = $"a {Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]}";
            // One key at a time, as a thumb types: every keystroke is an input event the circuit handles.
            await input.PressSequentiallyAsync(text, new() { Delay = 40, Timeout = ActionTimeoutMs });
            Interlocked.Add(ref _keystrokes, text.Length);
        }

        private static async Task SubmitLieAsync(PhonePage phone, bool lieForMe)
        {
            if (lieForMe)
            {
                await phone.Page.Locator("button[data-testid=lie-for-me]").ClickAsync(new() { Timeout = ActionTimeoutMs });
                await phone.Page.Locator("button[data-testid=suggestion]").First.ClickAsync(new() { Timeout = ActionTimeoutMs });
            }
            else
            {
                await phone.Page.Locator("button[data-testid=submit-lie]").ClickAsync(new() { Timeout = ActionTimeoutMs });
            }

            await phone.Page.Locator("[data-testid=waiting], [data-testid=answer-picker]").First.WaitForAsync(new() { Timeout = ActionTimeoutMs });
        }

        private async Task GuessAsync(PhonePage phone)
        {
            var answers = phone.Page.Locator("[data-testid=answer-picker] button[data-answer]");
            await answers.First.WaitForAsync(new() { Timeout = ActionTimeoutMs });
            var count = await answers.CountAsync();
            await answers.Nth(Pick(count)).ClickAsync(new() { Timeout = ActionTimeoutMs });
        }

        private async Task GuessAndReactAsync(PhonePage phone)
        {
            await GuessAsync(phone);
            if (Chance(options.ReactRate))
            {
                var reactions = phone.Page.Locator("[data-testid=reactions] button[data-emoji]:enabled");
                await reactions.First.WaitForAsync(new() { Timeout = ActionTimeoutMs });
                await reactions.Nth(Pick(await reactions.CountAsync())).ClickAsync(new() { Timeout = ActionTimeoutMs });
            }
        }

        // ---- Quiz ----

        private async Task PlayQuizAsync()
        {
            for (var number = 1; number <= options.Questions; number++)
            {
                if (number == 1)
                {
                    await WindowAsync("phase start", () => ForRoomsAsync(r => OwnerAsync(r, "play")));
                }

                log.Line($"question {number}: answers");
                await WindowAsync("move in (answer)", () => ForSeatsAsync(all: false, (_, _, phone) => TapChoiceAsync(phone)));
                await WindowAsync("phase start", () => ForLastSeatAsync((_, _, phone) => TapChoiceAsync(phone)));
                await WindowAsync("phase start", () => ForRoomsAsync(r => OwnerAsync(r, "next")));
            }

            if (!_rooms.All(r => r.Saw(BluffEvents.GameOver)))
            {
                _metrics.Error("game_not_over", "a room did not reach the podium after its last question");
            }
        }

        private async Task TapChoiceAsync(PhonePage phone)
        {
            var choices = phone.Page.Locator("[data-testid=choice-buttons] button[data-choice]");
            await choices.First.WaitForAsync(new() { Timeout = ActionTimeoutMs });
            await choices.Nth(Pick(await choices.CountAsync())).ClickAsync(new() { Timeout = ActionTimeoutMs });
        }

        // ---- rooms and pages ----

        private async Task CreateRoomsAsync()
        {
            var count = (int)Math.Ceiling(options.Phones!.Value / (double)options.Players);
            for (var i = 0; i < count; i++)
            {
                var created = await _rest.SendAsync("create session", HttpMethod.Post, new Uri(_server, "api/sessions"), null, GameSettings.For(options), token)
                    ?? throw new InvalidOperationException("Could not create a room: " + string.Join("; ", _metrics.ErrorSamples));
                var room = new PhoneRoom(created.GetProperty("code").GetString()!, created.GetProperty("ownerToken").GetString()!);
                room.Listener = Connections.Create(Transport.SignalR, _server, room.Code, null,
                    new ConnectionCallbacks(room.OnEvent, (kind, detail) => _metrics.Error(kind, detail)));
                await room.Listener.ConnectAsync(token);
                _rooms.Add(room);
            }
        }

        /// <summary>The names of a room's phones: the phones are spread evenly over the rooms.</summary>
        private IEnumerable<string> Seats(PhoneRoom room)
        {
            var index = _rooms.IndexOf(room);
            var total = options.Phones!.Value;
            var seats = (total / _rooms.Count) + (index < total % _rooms.Count ? 1 : 0);
            return Enumerable.Range(1, seats).Select(i => $"Phone {index + 1}-{i}");
        }

        private async Task OpenTvAsync(PhoneRoom room)
        {
            var (context, page) = await OpenAsync(PhoneBrowser.Tv);
            await page.GotoAsync(new Uri(_server, $"host/{room.Code}").ToString());
            try
            {
                await page.Locator("[data-testid=host-lobby]").WaitForAsync(new() { Timeout = ActionTimeoutMs });
            }
            catch (TimeoutException)
            {
                throw new InvalidOperationException($"The TV of {room.Code} did not show the lobby; it shows: "
                    + (await page.InnerTextAsync("body")).ReplaceLineEndings(" "));
            }
            lock (room.Pages)
            {
                room.Pages.Add(new PhonePage(room, context, page, null));
            }
        }

        /// <summary>Every room's phones join, a few at a time.</summary>
        private async Task JoinAllAsync()
        {
            using var gate = new SemaphoreSlim(JoinParallelism);
            await Task.WhenAll(_rooms.SelectMany(room => Seats(room).Select(async name =>
            {
                await gate.WaitAsync(token);
                try
                {
                    await JoinAsync(room, name);
                }
                finally
                {
                    gate.Release();
                }
            })));
        }

        private async Task JoinAsync(PhoneRoom room, string name)
        {
            try
            {
                var (context, page) = await OpenAsync(PhoneBrowser.Phone);
                await page.GotoAsync(new Uri(_server, $"join?code={room.Code}").ToString());
                await page.Locator("input[data-testid=name]").FillAsync(name, new() { Timeout = ActionTimeoutMs });
                await page.Locator("button[data-testid=join]").ClickAsync(new() { Timeout = ActionTimeoutMs });
                await page.Locator("[data-testid=player-lobby]").WaitForAsync(new() { Timeout = ActionTimeoutMs });
                lock (room.Pages)
                {
                    room.Pages.Add(new PhonePage(room, context, page, name));
                }
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                _metrics.Error("join_failed", $"{room.Code} {name}: {ex.Message.Split('\n')[0]}");
            }
        }

        private async Task<(IBrowserContext, IPage)> OpenAsync(BrowserNewContextOptions contextOptions)
        {
            var context = await _browser!.NewContextAsync(contextOptions);
            await context.AddInitScriptAsync(PhoneBrowser.ProbeScript);
            var page = await context.NewPageAsync();
            page.PageError += (_, error) => _metrics.Error("page_error", error.Split('\n')[0]);
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    _metrics.Error("console_" + message.Type, message.Text.Split('\n')[0]);
                }
            };
            return (context, page);
        }

        /// <summary>Another game in the same rooms: the owner closes each room and the phones join a new one.</summary>
        private async Task NewGameAsync()
        {
            foreach (var room in _rooms.ToList())
            {
                await _rest.SendAsync("exit", HttpMethod.Post, new Uri(_server, $"api/sessions/{room.Code}/exit"), room.OwnerToken, null, token);
                if (room.Listener is { } listener)
                {
                    await listener.CloseAsync();
                    await listener.DisposeAsync();
                }

                foreach (var page in room.Pages)
                {
                    await page.Context.CloseAsync();
                }
            }

            _rooms.Clear();
            await CreateRoomsAsync();
            await Task.WhenAll(_rooms.Select(OpenTvAsync));
            await JoinAllAsync();
            await SettleAsync();
            await TakeLogsAsync(null);
        }

        private Task ForRoomsAsync(Func<PhoneRoom, Task> action) => Task.WhenAll(_rooms.Select(action));

        /// <summary>
        /// Seat by seat (every room at once), so the moves arrive one after the other as separate events, every phone but
        /// the last of each room — or all of them.
        /// </summary>
        private async Task ForSeatsAsync(bool all, Func<PhoneRoom, int, PhonePage, Task> action)
        {
            var seats = _rooms.Max(r => r.Phones.Count());
            for (var seat = 0; seat < seats; seat++)
            {
                var current = seat;
                await Task.WhenAll(_rooms.Select(room =>
                {
                    var phones = room.Phones.ToList();
                    return current < phones.Count - (all ? 0 : 1) ? ActAsync(room, current, phones[current], action) : Task.CompletedTask;
                }));
            }
        }

        private Task ForLastSeatAsync(Func<PhoneRoom, int, PhonePage, Task> action) => Task.WhenAll(_rooms.Select(room =>
        {
            var phones = room.Phones.ToList();
            return phones.Count == 0 ? Task.CompletedTask : ActAsync(room, phones.Count - 1, phones[^1], action);
        }));

        private async Task ActAsync(PhoneRoom room, int seat, PhonePage phone, Func<PhoneRoom, int, PhonePage, Task> action)
        {
            try
            {
                await action(room, seat, phone);
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                _metrics.Error("page_action", $"{room.Code} {phone.Name}: {ex.Message.Split('\n')[0]}");
            }
        }

        private async Task OwnerAsync(PhoneRoom room, string route) =>
            await _rest.SendAsync(route, HttpMethod.Post, new Uri(_server, $"api/sessions/{room.Code}/{route}"), room.OwnerToken, null, token);

        private async Task UntilAsync(Func<PhoneRoom, bool> condition)
        {
            var limit = Stopwatch.StartNew();
            while (!_rooms.All(condition))
            {
                if (limit.Elapsed > TimeSpan.FromSeconds(120))
                {
                    _metrics.Error("timeout", "a room did not reach the expected event within 120 s");
                    return;
                }

                await Task.Delay(50, token);
            }
        }

        // ---- measurement ----

        /// <summary>
        /// Runs one step of the script with the server's counters read around it: the step, then until every room's
        /// events have stopped and every page shows its room's last event. The idle rate is taken off.
        /// </summary>
        private async Task WindowAsync(string kind, Func<Task> step, bool perKeystroke = false)
        {
            var keysBefore = Volatile.Read(ref _keystrokes);
            var eventsBefore = _rooms.Sum(r => r.EventCount);
            var before = await CountersAsync();
            var clock = Stopwatch.StartNew();
            await step();
            await SettleAsync();
            var seconds = clock.Elapsed.TotalSeconds;
            var after = await CountersAsync();
            var (renders, phoneRenders) = await TakeLogsAsync(kind);
            if (!_windows.TryGetValue(kind, out var totals))
            {
                _windows[kind] = totals = new WindowTotals(kind);
            }

            totals.Add(after.CpuMs - before.CpuMs, after.AllocatedBytes - before.AllocatedBytes, seconds,
                renders, phoneRenders, _rooms.Sum(r => r.EventCount) - eventsBefore, AllPages.Count(),
                perKeystroke ? Volatile.Read(ref _keystrokes) - keysBefore : 0);
        }

        /// <summary>Until no room had an event for a moment, then until every page shows its room's latest seq.</summary>
        private async Task SettleAsync()
        {
            var seen = _rooms.Select(r => r.LatestSeq).ToList();
            for (var i = 0; i < 240; i++)
            {
                await Task.Delay(Quiet, token);
                var now = _rooms.Select(r => r.LatestSeq).ToList();
                if (now.SequenceEqual(seen))
                {
                    break;
                }

                seen = now;
            }

            await Task.WhenAll(_rooms.SelectMany(room => room.Pages.Select(async page =>
            {
                try
                {
                    await page.ShowsAsync(room.LatestSeq, ActionTimeoutMs);
                }
                catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
                {
                    _metrics.Error("page_behind", $"{room.Code} {page.Name ?? "TV"} did not show seq {room.LatestSeq}: {ex.Message.Split('\n')[0]}");
                }
            })));
        }

        /// <summary>Every page's (seq, time shown) since the last call: the renders, and event → DOM latency.</summary>
        private async Task<(int Renders, int PhoneRenders)> TakeLogsAsync(string? kind)
        {
            var renders = 0;
            var phoneRenders = 0;
            foreach (var room in _rooms)
            {
                foreach (var page in room.Pages)
                {
                    IReadOnlyList<(long Seq, double At)> rows;
                    try
                    {
                        rows = await page.TakeLogAsync();
                    }
                    catch (PlaywrightException ex)
                    {
                        _metrics.Error("page_log", ex.Message.Split('\n')[0]);
                        continue;
                    }

                    if (kind is null)
                    {
                        continue;
                    }

                    foreach (var (seq, shown) in rows)
                    {
                        renders++;
                        phoneRenders += page.IsTv ? 0 : 1;
                        if (room.Event(seq) is { } e)
                        {
                            var latency = DateTimeOffset.FromUnixTimeMilliseconds(0).AddMilliseconds(shown) - e.At;
                            (page.IsTv ? _tvLatency : _phoneLatency).Record(latency);
                            _metrics.EventDelivery.Record(latency);
                        }
                    }
                }
            }

            return (renders, phoneRenders);
        }

        private async Task<RuntimeCounters> CountersAsync() =>
            await RuntimeCounters.ReadAsync(_http, [_server], token) ?? throw new InvalidOperationException("The server's runtime counters are not served.");

        private bool Chance(double rate) => random.NextDouble() < rate;

        private int Pick(int count) => count <= 0 ? 0 : random.Next(count);

        private static readonly string[] Words = ["copper", "velvet", "thunder", "pickle", "lantern", "marble", "cactus", "harbor", "walrus", "saffron"];

        public PhoneReport Report(DateTimeOffset started, string command, string loadAtStart, int seed, double seconds, string? aborted) => new(
            started, command, Machine.Info(loadAtStart), options.Game.ToString().ToLowerInvariant(), options.Phones ?? 0, options.Players, _rooms.Count,
            _rooms.Sum(r => r.Phones.Count()), options.Games, _gamesCompleted, seed, seconds, _memory,
            Math.Round(_idleCpuMsPerSecond / 10, 2), _windows.Values.Select(w => w.Summarize(_idleCpuMsPerSecond, _idleAllocPerSecond)).ToList(),
            _phoneLatency.Summarize(), _tvLatency.Summarize(), _usage, _metrics.ErrorCount,
            new Dictionary<string, long>(_metrics.Errors), _metrics.ErrorSamples.ToList(), aborted);

        public async ValueTask DisposeAsync()
        {
            foreach (var room in _rooms)
            {
                if (room.Listener is { } listener)
                {
                    await listener.CloseAsync();
                    await listener.DisposeAsync();
                }
            }

            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright?.Dispose();
            if (_servers is not null)
            {
                await _servers.DisposeAsync();
            }

            _http.Dispose();
        }

        /// <summary>Processor time of the server, the browsers, this tool and the whole machine over the games.</summary>
        private sealed class Usage
        {
            private readonly Run _run;
            private readonly Stopwatch _clock = Stopwatch.StartNew();
            private readonly RuntimeCounters _server;
            private readonly TimeSpan _browsers = PhoneBrowser.ChromiumProcessorTime();
            private readonly TimeSpan _bench = Process.GetCurrentProcess().TotalProcessorTime;
            private readonly (long Busy, long Total) _machine = Machine.CpuTicks();

            private Usage(Run run, RuntimeCounters server)
            {
                _run = run;
                _server = server;
            }

            public static async Task<Usage> StartAsync(Run run) => new(run, await run.CountersAsync());

            public async Task<UsageReport> StopAsync()
            {
                var wall = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
                var server = await _run.CountersAsync();
                var machine = Machine.CpuTicks();
                double Percent(double seconds) => Math.Round(seconds / wall * 100, 1);
                return new UsageReport(Math.Round(wall, 1), Percent((server.CpuMs - _server.CpuMs) / 1000),
                    Percent((PhoneBrowser.ChromiumProcessorTime() - _browsers).TotalSeconds),
                    Percent((Process.GetCurrentProcess().TotalProcessorTime - _bench).TotalSeconds),
                    machine.Total > _machine.Total ? Math.Round((machine.Busy - _machine.Busy) * 100.0 * Environment.ProcessorCount / (machine.Total - _machine.Total), 1) : 0,
                    Math.Round((server.AllocatedBytes - _server.AllocatedBytes) / 1024.0 / 1024.0, 1), server.Gen0Collections - _server.Gen0Collections,
                    Math.Round(server.GcPauseMs - _server.GcPauseMs, 1));
            }
        }
    }
}
