using System.Globalization;

namespace PartyProtocol.Bench;

/// <summary>Which real-time transport the bots use.</summary>
public enum Transport
{
    SignalR,
    WebSocket,
}

/// <summary>Which client library the bots' real-time connections use.</summary>
public enum ClientLibrary
{
    /// <summary>.NET: Microsoft.AspNetCore.SignalR.Client and ClientWebSocket, each connect proven by a ping round trip.</summary>
    DotNet,

    /// <summary>
    /// Node (bench/js): the official SignalR JavaScript client and a plain <c>ws</c> socket, connected the moment the
    /// client says so, with no ping — as browsers and scripts use the server.
    /// </summary>
    JavaScript,
}

/// <summary>Which game the bots (or the browser phones) play.</summary>
public enum BenchGame
{
    Bluff,
    Quiz,
}

/// <summary>The benchmark's settings, from the command line (see <see cref="Usage"/>).</summary>
public sealed record BenchOptions
{
    public IReadOnlyList<Uri> Urls { get; init; } = [];
    public string? ServerDll { get; init; }
    public string? Redis { get; init; }

    /// <summary>Extra environment variables for the servers started here (e.g. DOTNET_gcServer=0), to try runtime settings.</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();
    public BenchGame Game { get; init; } = BenchGame.Bluff;

    /// <summary>Quiz: questions per game (the game's minimum is 5) and seconds per question (its minimum is 5).</summary>
    public int Questions { get; init; } = 5;
    public int QuestionSeconds { get; init; } = 6;

    /// <summary>
    /// Browser phones (<c>--phones N</c>): N phone pages and one TV page per room of <see cref="Players"/> in headless
    /// Chromium, playing through the pages; null runs the bots instead.
    /// </summary>
    public int? Phones { get; init; }

    /// <summary>
    /// The audience (<c>--audience N</c>, issue #17): one room of <see cref="Players"/> bots plus N audience members, each
    /// joining over REST, listening on a plain WebSocket and voting once in every vote phase; null runs the bots' sessions.
    /// </summary>
    public int? Audience { get; init; }

    /// <summary>
    /// How the audience votes (<c>--audience-votes</c>): on the WebSocket it listens on, as the audience page does
    /// (<c>{"type":"move"}</c>), or one REST request per vote.
    /// </summary>
    public bool AudienceVotesOverRest { get; init; }
    public string ChromiumPath { get; init; } = "/usr/bin/chromium";
    public int Sessions { get; init; } = 125;
    public int Players { get; init; } = 8;
    public IReadOnlyList<Transport> Transports { get; init; } = [Transport.SignalR, Transport.WebSocket];
    public ClientLibrary Clients { get; init; } = ClientLibrary.DotNet;
    public int Games { get; init; } = 1;

    /// <summary>How many times the transports are run, interleaved (signalr, websocket, signalr, …), for medians on a noisy machine.</summary>
    public int Repeat { get; init; } = 1;
    public TimeSpan? Duration { get; init; }
    public int Rounds { get; init; } = 2;
    public int LieSeconds { get; init; } = 6;
    public int GuessSeconds { get; init; } = 5;
    public int RevealStepSeconds { get; init; } = 1;
    public int ScoreboardSeconds { get; init; } = 1;
    public TimeSpan Ramp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Chance that a bot lets a lie or guess phase run out instead of moving (so lie and guess deadlines fire too).</summary>
    public double SkipRate { get; init; } = 0.03;
    public double LieForMeRate { get; init; } = 0.2;
    public double ReactRate { get; init; } = 0.6;
    /// <summary>Sessions that play one unmeasured one-round game on each fresh server first, so the measured run meets warm code.</summary>
    public int Warmup { get; init; } = 10;
    public bool Baseline { get; init; } = true;
    public bool Memory { get; init; } = true;
    public TimeSpan MemorySettle { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan Progress { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan? Timeout { get; init; }
    public string? Out { get; init; }
    public int? Seed { get; init; }
    public bool Smoke { get; init; }

    public int ConnectionsPerSession => Players + 1;

    /// <summary>The longest a game can take by its own timers (every phase running out, every reveal step shown).</summary>
    public TimeSpan NominalGameLength => Game == BenchGame.Quiz
        ? TimeSpan.FromSeconds(Questions * (QuestionSeconds + QuizResultsSeconds))
        : TimeSpan.FromSeconds(Rounds * (LieSeconds + GuessSeconds + ((Players + 2) * RevealStepSeconds) + ScoreboardSeconds));

    /// <summary>How long Quiz shows a question's results (fixed by the game, at timer scale 1).</summary>
    public const int QuizResultsSeconds = 6;

    /// <summary>The game's key in <c>POST /api/sessions</c>.</summary>
    public string GameKey => Game == BenchGame.Quiz ? "quiz" : "bluff";

    /// <summary>The hard deadline of the whole run: nothing may run longer, whatever happens.</summary>
    public TimeSpan HardTimeout => Timeout ?? TimeSpan.FromSeconds(
        120 + ((Transports.Count * (Redis is null ? 1 : 2) * Repeat) + (Baseline ? 1 : 0)) * (Ramp.TotalSeconds + 60 + (Memory ? 60 : 0) + (Warmup > 0 ? 120 : 0)
            + (Duration?.TotalSeconds ?? 0) + (3 * Games * NominalGameLength.TotalSeconds)));

    /// <summary>The smoke run: a few seconds, everything exercised once, for the test suite.</summary>
    public static BenchOptions SmokeDefaults { get; } = new()
    {
        Smoke = true,
        Sessions = 2,
        Players = 3,
        Games = 1,
        Rounds = 1,
        LieSeconds = 2,
        GuessSeconds = 2,
        RevealStepSeconds = 1,
        ScoreboardSeconds = 1,
        Ramp = TimeSpan.FromSeconds(0.5),
        SkipRate = 0,
        Warmup = 0,
        MemorySettle = TimeSpan.FromSeconds(0.5),
        Progress = TimeSpan.FromSeconds(2),
        Timeout = TimeSpan.FromMinutes(4),
    };

    public const string Usage = """
        PartyProtocol.Bench — bot players for load and latency figures.

          --url URL               target a running server (repeat for several instances); default: start one
          --server-dll PATH       the PartyProtocol.Web.dll to start (default: found beside this repository's build)
          --server-env NAME=VALUE an environment variable for the servers started here (repeatable), e.g. DOTNET_gcServer=0
          --redis CONN            also run each transport on two instances sharing this Redis, players spread over both
          --game G                bluff | quiz (bluff)                   --questions N --question-seconds N   quiz only (5, 6)
          --phones N              browser phones instead of bots: N phone pages and a TV page per room of --players in headless
                                  Chromium (--chromium PATH, /usr/bin/chromium), joining through /join and playing through the pages
          --audience N            one room of --players bots (on the first --transport) plus N audience members, each on a plain
                                  WebSocket, joining over REST and voting once in every vote phase; with --redis, on two instances
                                  (members alternate). One game; guess / question phases of at least 15 s so the crowd can vote
          --audience-votes V      socket | rest (socket): votes as move messages on the members' WebSockets, as the audience
                                  page sends them, or one REST request per vote
          --sessions N            sessions played at once (125)          --players N   bots per session (8)
          --transport T           signalr | websocket | both (both)
          --clients C             dotnet | js (dotnet): js runs the bots' connections (and the baseline's) in Node with the
                                  official SignalR JavaScript client and ws, without a ping after connecting (bench/js, npm ci on first use)
          --games N               games per session (1)                  --duration 90s  play for a time instead
          --repeat N              run the transports N times, interleaved, each on a fresh server; the report adds their medians (1)
          --rounds N --lie-seconds N --guess-seconds N --reveal-step-seconds N --scoreboard-seconds N   (2, 6, 5, 1, 1)
          --ramp 10s              spread the sessions' starts over this time
          --skip-rate R           chance a bot lets a phase run out (0.03)  --lie-for-me-rate R (0.2)  --react-rate R (0.6)
          --warmup N              sessions of an unmeasured one-round game on each fresh server first (10; 0 = none)
          --no-baseline           skip the raw-WebSocket floor           --no-memory   skip the idle-memory measurement
          --progress 5s           progress line interval                 --timeout 30m hard limit of the whole run
          --out PATH              JSON results (default bench/results/<timestamp>.json)
          --seed N                seed of the bots' choices
          --smoke                 2 sessions × 3 bots, one short game, both transports, baseline, memory
        """;

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--smoke") ? SmokeDefaults : new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--smoke" => options,
                "--url" => options with { Urls = [.. options.Urls, ParseUrl(Value())] },
                "--server-dll" => options with { ServerDll = Value() },
                "--redis" => options with { Redis = Value() },
                "--server-env" => options with { ServerEnvironment = WithVariable(options.ServerEnvironment, Value()) },
                "--sessions" => options with { Sessions = Int(name, Value(), 1, 10_000) },
                "--game" => options with { Game = ParseGame(Value()) },
                "--questions" => options with { Questions = Int(name, Value(), 5, 30) },
                "--question-seconds" => options with { QuestionSeconds = Int(name, Value(), 5, 120) },
                "--phones" => options with { Phones = Int(name, Value(), 1, 2_000) },
                "--audience" => options with { Audience = Int(name, Value(), 1, 100_000) },
                "--audience-votes" => options with { AudienceVotesOverRest = ParseVotes(Value()) },
                "--chromium" => options with { ChromiumPath = Value() },
                "--players" => options with { Players = Int(name, Value(), 2, 12) },
                "--transport" => options with { Transports = ParseTransports(Value()) },
                "--clients" => options with { Clients = ParseClients(Value()) },
                "--games" => options with { Games = Int(name, Value(), 1, 1000), Duration = null },
                "--repeat" => options with { Repeat = Int(name, Value(), 1, 20) },
                "--duration" => options with { Duration = Span(name, Value()) },
                "--rounds" => options with { Rounds = Int(name, Value(), 1, 20) },
                "--lie-seconds" => options with { LieSeconds = Int(name, Value(), 1, 600) },
                "--guess-seconds" => options with { GuessSeconds = Int(name, Value(), 1, 600) },
                "--reveal-step-seconds" => options with { RevealStepSeconds = Int(name, Value(), 1, 60) },
                "--scoreboard-seconds" => options with { ScoreboardSeconds = Int(name, Value(), 1, 120) },
                "--ramp" => options with { Ramp = Span(name, Value()) },
                "--skip-rate" => options with { SkipRate = Rate(name, Value()) },
                "--lie-for-me-rate" => options with { LieForMeRate = Rate(name, Value()) },
                "--react-rate" => options with { ReactRate = Rate(name, Value()) },
                "--warmup" => options with { Warmup = Int(name, Value(), 0, 10_000) },
                "--no-baseline" => options with { Baseline = false },
                "--no-memory" => options with { Memory = false },
                "--progress" => options with { Progress = Span(name, Value()) },
                "--timeout" => options with { Timeout = Span(name, Value()) },
                "--out" => options with { Out = Value() },
                "--seed" => options with { Seed = Int(name, Value(), int.MinValue, int.MaxValue) },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        if (options.Audience is not null && options.Phones is not null)
        {
            throw new ArgumentException("--audience and --phones are separate modes; choose one.");
        }

        if (options.Redis is not null && options.Urls.Count > 0)
        {
            throw new ArgumentException("--redis starts its own two instances; leave out --url (or point --url at each running instance).");
        }

        return options;
    }

    private static Dictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> existing, string assignment)
    {
        var split = assignment.IndexOf('=', StringComparison.Ordinal);
        if (split <= 0)
        {
            throw new ArgumentException($"--server-env: '{assignment}' is not NAME=VALUE.");
        }

        return new Dictionary<string, string>(existing, StringComparer.Ordinal) { [assignment[..split]] = assignment[(split + 1)..] };
    }

    private static Uri ParseUrl(string value) =>
        Uri.TryCreate(value.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"--url: '{value}' is not an http(s) address.");

    private static IReadOnlyList<Transport> ParseTransports(string value) => value.ToLowerInvariant() switch
    {
        "signalr" => [Transport.SignalR],
        "websocket" or "ws" => [Transport.WebSocket],
        "both" => [Transport.SignalR, Transport.WebSocket],
        _ => throw new ArgumentException($"--transport: '{value}' is not signalr, websocket or both."),
    };

    private static BenchGame ParseGame(string value) => value.ToLowerInvariant() switch
    {
        "bluff" => BenchGame.Bluff,
        "quiz" => BenchGame.Quiz,
        _ => throw new ArgumentException($"--game: '{value}' is not bluff or quiz."),
    };

    private static bool ParseVotes(string value) => value.ToLowerInvariant() switch
    {
        "socket" => false,
        "rest" => true,
        _ => throw new ArgumentException($"--audience-votes: '{value}' is not socket or rest."),
    };

    private static ClientLibrary ParseClients(string value) => value.ToLowerInvariant() switch
    {
        "dotnet" or ".net" => ClientLibrary.DotNet,
        "js" or "javascript" or "node" => ClientLibrary.JavaScript,
        _ => throw new ArgumentException($"--clients: '{value}' is not dotnet or js."),
    };

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name}: '{value}' is not a whole number from {min} to {max}.");

    private static double Rate(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is >= 0 and <= 1
            ? r
            : throw new ArgumentException($"{name}: '{value}' is not a number from 0 to 1.");

    /// <summary>Accepts 90, 90s, 2m, 1h or a TimeSpan such as 00:01:30.</summary>
    private static TimeSpan Span(string name, string value)
    {
        var unit = value.Length > 0 ? value[^1] : ' ';
        var factor = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        var number = factor == 0 ? value : value[..^1];
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            return TimeSpan.FromSeconds(amount * (factor == 0 ? 1 : factor));
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? span
            : throw new ArgumentException($"{name}: '{value}' is not a duration such as 90s, 2m or 00:01:30.");
    }
}
