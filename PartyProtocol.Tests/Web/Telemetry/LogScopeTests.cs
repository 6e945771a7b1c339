using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Tests.Web.Realtime;

namespace PartyProtocol.Tests.Web.Telemetry;

/// <summary>
/// What a game leaves in the logs: entries about a room carry its code and player as structured scope fields, and no
/// entry — message, field, scope or exception — ever holds a session token.
/// </summary>
public sealed class LogScopeTests
{
    [Fact]
    public async Task AGameOverRestHubAndWebSocketLogsRoomAndPlayerFieldsButNeverAToken()
    {
        var capture = new ScopeCapture();
        using var app = new CapturingApp(capture)
            .WithSetting("Logging:LogLevel:Default", "Debug")
            .WithSetting("Logging:LogLevel:PartyProtocol", "Trace")
            .WithSetting("Logging:LogLevel:Microsoft.AspNetCore.SignalR", "Debug")
            .WithSetting("Logging:LogLevel:Microsoft.AspNetCore.Http.Connections", "Debug")
            .WithSetting("Logging:LogLevel:Microsoft.AspNetCore.Authentication", "Debug")
            .WithSetting("Logging:LogLevel:Microsoft.AspNetCore.Authorization", "Debug")
            // Request lines print the query string, where WebSocket clients carry their token: the app keeps them quiet
            // whatever the configuration asks.
            .WithSetting("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Trace");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(new { rounds = 1, lieSeconds = 600, guessSeconds = 600, revealStepSeconds = 1, scoreboardSeconds = 1 },
            "Ann", "Bob", "Cy");
        var tokens = new[] { game.OwnerToken }.Concat(game.Players.Values.Select(p => p.Token)).ToList();

        var audienceToken = (await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), System.Net.HttpStatusCode.Created))
            .GetProperty("audienceToken").GetString()!;
        tokens.Add(audienceToken);

        await using (var ann = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.Token("Ann")))
        await using (var bob = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + Uri.EscapeDataString(game.Token("Bob"))))
        await using (var member = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + Uri.EscapeDataString(audienceToken)))
        {
            await game.OwnerOkAsync("play");
            Assert.True((await ann.InvokeAsync("Move", "submit_lie", new { text = "a velvet submarine" })).GetProperty("ok").GetBoolean());
            await game.PlayerOkAsync("Bob", "lies", new { text = "three angry owls" });
            await game.PlayerOkAsync("Cy", "lies", new { text = "a lighthouse" });
            // Bad input is logged nowhere with its token either.
            await ApiTestClient.ProblemAsync(await game.PlayerAsync("Cy", "lies", new { text = 7 }), System.Net.HttpStatusCode.BadRequest, "invalid_input");
            await api.SendAsync(HttpMethod.Get, game.Path(), token: "pp_not-a-real-token-" + new string('x', 20));
            foreach (var name in new[] { "Ann", "Bob", "Cy" })
            {
                await game.PlayerOkAsync(name, "guesses", new { answerId = await game.TruthIdAsync() });
            }

            await Eventually.TrueAsync(async () => (await game.SessionAsync())?.Status == PartyProtocol.Core.Sessions.SessionStatus.Finished,
                "the game to end", TimeSpan.FromSeconds(60));
        }

        await Eventually.TrueAsync(() => capture.Entries.Any(e => e.Scopes.GetValueOrDefault("PlayerId") is { } id && id == game.Players["Ann"].Id
                && e.Scopes.GetValueOrDefault("RoomCode") == game.Code),
            "an entry logged for Ann's connection with her room and player id as fields");
        Assert.Contains(capture.Entries, e => e.Scopes.GetValueOrDefault("RoomCode") == game.Code && e.Scopes.GetValueOrDefault("PlayerId") == game.Players["Bob"].Id);
        // An audience socket has its room from the request's scope, and no player.
        var sockets = capture.Entries.Where(e => e.Category == typeof(PartyProtocol.Web.Realtime.GameSocketConnection).FullName
            && e.Text.Contains("Game WebSocket opened.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, sockets.Count);
        Assert.All(sockets, e => Assert.Equal(game.Code, e.Scopes.GetValueOrDefault("RoomCode")));
        Assert.Single(sockets, e => !e.Scopes.ContainsKey("PlayerId"));
        Assert.True(capture.Entries.Count > 20, $"Only {capture.Entries.Count} entries were captured.");
        foreach (var entry in capture.Entries)
        {
            foreach (var token in tokens)
            {
                Assert.False(entry.Text.Contains(token, StringComparison.Ordinal), $"A token is in the log: [{entry.Category}] {entry.Text}");
            }
        }
    }

    [Fact]
    public void ARoomScopeIsItsFieldsToProvidersAndOneLineToPeople()
    {
        var room = PartyProtocol.Web.Telemetry.TelemetryScopes.For("ABCD", null);
        Assert.Equal([new("RoomCode", "ABCD")], room.ToList());
        Assert.Equal("RoomCode:ABCD", room.ToString());

        var player = PartyProtocol.Web.Telemetry.TelemetryScopes.For("ABCD", "p1");
        Assert.Equal([new("RoomCode", "ABCD"), new("PlayerId", "p1")], player.ToList());
        Assert.Equal(("RoomCode", "PlayerId"), (player[0].Key, player[1].Key));
        Assert.Equal("RoomCode:ABCD PlayerId:p1", player.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => room[1]);
    }

    private sealed class CapturingApp(ScopeCapture capture) : PartyAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(capture));
        }
    }

    /// <summary>Keeps every entry with its structured fields and the fields of the scopes around it.</summary>
    private sealed class ScopeCapture : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<Entry> _entries = new();
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public IReadOnlyList<Entry> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        public sealed record Entry(string Category, string Text, IReadOnlyDictionary<string, string> Scopes);

        private sealed class Logger(ScopeCapture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var text = new System.Text.StringBuilder(formatter(state, exception)).Append(' ').Append(exception);
                if (state is IEnumerable<KeyValuePair<string, object?>> fields)
                {
                    foreach (var (key, value) in fields)
                    {
                        text.Append(' ').Append(key).Append('=').Append(value);
                    }
                }

                var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
                capture._scopes.ForEachScope((scope, _) =>
                {
                    text.Append(" scope:").Append(scope);
                    if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            scopes[key] = value?.ToString() ?? string.Empty;
                            text.Append(' ').Append(key).Append('=').Append(value);
                        }
                    }
                    else if (scope is IEnumerable<KeyValuePair<string, object?>> nullable)
                    {
                        foreach (var (key, value) in nullable)
                        {
                            scopes[key] = value?.ToString() ?? string.Empty;
                            text.Append(' ').Append(key).Append('=').Append(value);
                        }
                    }
                }, (object?)null);
                capture._entries.Enqueue(new Entry(category, text.ToString(), scopes));
            }
        }
    }
}
