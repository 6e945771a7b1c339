using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Realtime;
using PartyProtocol.Tests.Web.Scaleout;
using PartyProtocol.Web.Realtime;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static PartyProtocol.Tests.EndToEnd.BrowserScreens;

namespace PartyProtocol.Tests.EndToEnd;

/// <summary>
/// The production shape, for real: the shipped nginx configuration in front of two instances that share Redis (games)
/// and PostgreSQL (accounts), and Chromium for the TV, three phones and a host's laptop, all through nginx. An
/// instance is stopped mid-game; its phones come back on the other one as the same players and the game ends for
/// everyone.
/// </summary>
[Collection(ScaleoutCollection.Name)]
[Trait("Category", "Slow")]
public sealed class BehindNginxTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AffinityCookie = "ppaffinity";

    private readonly string _prefix = ScaleoutInstance.NewKeyPrefix();
    private readonly PostgresTestDatabase _accounts = PostgresTestDatabase.Create();
    private readonly List<string> _pageErrors = [];
    private readonly List<(string Name, IPage Page)> _pages = [];
    private string? _code;
    private ScaleoutInstance _a = default!;
    private ScaleoutInstance _b = default!;
    private NginxTestServer _nginx = default!;
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Accounts:Provider"] = "PostgreSql",
            ["ConnectionStrings:Accounts"] = _accounts.ConnectionString,
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        };
        _a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, _prefix, settings, app => app.WithInstanceTag("a"));
        _b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, _prefix, settings, app => app.WithInstanceTag("b"));
        _nginx = await NginxTestServer.StartAsync([_a.App.BaseAddress, _b.App.BaseAddress]);
        _playwright = await Playwright.CreateAsync();
        _browser = await LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _nginx.DisposeAsync();
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        _accounts.Dispose();
    }

    [Fact]
    public async Task AGameThroughNginxOutlivesTheInstanceOfAPhoneAndTheHostsPresetWorksOnEitherInstance()
    {
        try
        {
            await PlayThroughNginxAsync();
        }
        catch
        {
            await WriteWhatEveryoneSawAsync();
            throw;
        }
    }

    private async Task PlayThroughNginxAsync()
    {
        // nginx gives a new browser an affinity cookie and keeps each cookie on one instance.
        using var probe = new HttpClient { BaseAddress = _nginx.BaseAddress };
        var first = await probe.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AffinityCookie + "=", StringComparison.Ordinal));
        var onA = await AffinityForAsync(probe, "a");
        var onB = await AffinityForAsync(probe, "b");

        // A host registers on instance B and saves a preset there; the same account signs in on the TV, served by A.
        var email = $"host-{Guid.NewGuid():N}@example.test";
        var laptop = await OpenAsync(Tv, onB[0], "laptop (B)");
        await RegisterAndSavePresetAsync(laptop, email);
        var tv = await OpenAsync(Tv, onA[0], "TV (A)");
        await tv.GotoAsync(Url("Account/Login?ReturnUrl=%2Fhost"));
        await tv.FillAsync("#login-email", email);
        await tv.FillAsync("#login-password", Web.Presets.AccountTestClient.Password);
        await tv.ClickAsync("button[type=submit]");
        await tv.WaitForURLAsync("**/host");
        await tv.Locator(".preset-picker").GetByText("Nginx night").ClickAsync(new() { Timeout = Patience });
        await Expect(tv.Locator("[data-testid=settings-source]")).ToHaveTextAsync("Preset", new() { Timeout = Patience });
        await tv.Locator("button[data-testid=create-room]").ClickAsync();
        await Expect(tv).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/host/[A-Z]{4}$"), new() { Timeout = Patience });
        var code = _code = tv.Url[^4..];
        // The settings are the owner's to see (an anonymous view has none): read them from the shared store.
        var settings = (global::PartyProtocol.Core.Cartridges.Bluff.BluffSettings)(await SessionAsync(code)).Settings;
        Assert.Equal(2, settings.Rounds);
        Assert.Equal(120, settings.LieSeconds);

        // Ann and Cy are served by B, Ben by A.
        var ann = await OpenAsync(Phone, onB[1], "Ann (B)");
        var ben = await OpenAsync(Phone, onA[1], "Ben (A)");
        var cy = await OpenAsync(Phone, onB[2], "Cy (B)");
        await JoinAsync(ann, _nginx.BaseAddress, code, "Ann");
        await JoinAsync(ben, _nginx.BaseAddress, code, "Ben");
        await JoinAsync(cy, _nginx.BaseAddress, code, "Cy");
        await Expect(tv.Locator("[data-testid=lobby-players] [data-player]")).ToHaveCountAsync(3, new() { Timeout = Patience });
        var annId = (await SessionAsync(code)).Players.Single(p => p.Name == "Ann").Id;
        Assert.True(_b.App.Services.GetRequiredService<PresenceTracker>().ConnectionsOf(code, annId) > 0, "Ann's phone should be served by B.");
        Assert.Equal(0, _a.App.Services.GetRequiredService<PresenceTracker>().ConnectionsOf(code, annId));

        // Round 1, played through nginx with the TV on A and the phones on both.
        await tv.Locator("button[data-testid=play]").ClickAsync();
        await LieAsync(ann, "a purple walrus");
        await LieAsync(ben, "a tiny kazoo");
        await LieAsync(cy, "moonlight");
        await Expect(tv.Locator("[data-phase=guess] [data-testid=answer-board] li")).ToHaveCountAsync(4, new() { Timeout = Patience });
        var truth = await TruthAsync(code);
        await ann.Locator($"button[data-answer='{Css(truth)}']").ClickAsync();
        await ben.Locator("button[data-answer='a purple walrus']").ClickAsync();
        await cy.Locator($"button[data-answer='{Css(truth)}']").ClickAsync();

        // Round 2 begins; everyone's score is known.
        await Expect(tv.Locator("[data-phase=lie][data-round='2']")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var scores = Scores(await SessionAsync(code));
        Assert.True(scores["Ann"] > 0);
        await Expect(ann.Locator("[data-testid=my-score]")).ToHaveAttributeAsync("data-score", scores["Ann"].ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = Patience });

        // B goes away with Ann's and Cy's circuits. Their phones reconnect through nginx, land on A, reload there and
        // carry on as the same players, with the same scores, still to write their lie of round 2.
        await _b.DisposeAsync();
        output.WriteLine("Instance B stopped.");
        foreach (var (phone, name) in new[] { (ann, "Ann"), (cy, "Cy") })
        {
            await Expect(phone.Locator("[data-testid=my-name]")).ToHaveTextAsync(name, new() { Timeout = 60_000 });
            await Expect(phone.Locator("input[data-testid=lie-input]")).ToBeEnabledAsync(new() { Timeout = 60_000 });
            await Expect(phone.Locator("[data-testid=my-score]")).ToHaveAttributeAsync("data-score",
                scores[name].ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = Patience });
        }

        await Eventually.TrueAsync(() => _a.App.Services.GetRequiredService<PresenceTracker>().ConnectionsOf(code, annId) > 0,
            "Ann's phone to be served by A");
        await Expect(tv.Locator("[data-phase=lie][data-round='2']")).ToBeVisibleAsync();
        await Expect(tv.Locator("[data-player=Ann][data-connected=true]")).ToBeVisibleAsync(new() { Timeout = Patience });

        await LieAsync(ann, "seventeen ducks");
        await LieAsync(ben, "a spoon");
        await LieAsync(cy, "a lighthouse");
        // Every lie of round 2 counts, Ann's and Cy's among them: the truth and three lies.
        await Expect(tv.Locator("[data-phase=guess][data-round='2'] [data-testid=answer-board] li")).ToHaveCountAsync(4, new() { Timeout = Patience });
        var truth2 = await TruthAsync(code);
        foreach (var phone in new[] { ann, ben, cy })
        {
            await phone.Locator($"button[data-answer='{Css(truth2)}']").ClickAsync();
        }

        await Expect(tv.Locator("[data-testid=podium]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        foreach (var phone in new[] { ann, ben, cy })
        {
            await Expect(phone.Locator("[data-testid=final-result]")).ToBeVisibleAsync(new() { Timeout = Patience });
        }

        var finished = await SessionAsync(code);
        Assert.Equal(SessionStatus.Finished, finished.Status);
        Assert.Equal(["Ann", "Ben", "Cy"], finished.Players.Select(p => p.Name).Order());
        var final = Scores(finished);
        // Everyone found the truth in round 2 (triple points): nobody lost what they had.
        Assert.All(final, s => Assert.True(s.Value > scores[s.Key], $"{s.Key}: {scores[s.Key]} → {s.Value}"));

        // The host's account and preset answer on A alone now, as they did on B.
        var again = await OpenAsync(Tv, onB[0], "laptop again");
        await again.GotoAsync(Url("presets"));
        await again.WaitForURLAsync("**/Account/Login?ReturnUrl=%2Fpresets");
        await again.FillAsync("#login-email", email);
        await again.FillAsync("#login-password", Web.Presets.AccountTestClient.Password);
        await again.ClickAsync("button[type=submit]");
        await again.WaitForURLAsync("**/presets");
        await Expect(again.Locator("li[data-preset-id]")).ToContainTextAsync("Nginx night", new() { Timeout = Patience });
        lock (_pageErrors)
        {
            Assert.Empty(_pageErrors);
        }
    }

    [Fact]
    public async Task RateLimitsBehindNginxCountEachClientAddressNotNginxs()
    {
        using var app = new PartyAppFactory()
            .WithSetting("ForwardedHeaders:KnownProxies:0", "127.0.0.1")
            .WithSetting("RateLimits:SessionCreatesPerMinute", "2");
        await using var nginx = await NginxTestServer.StartAsync([app.BaseAddress]);
        using var two = ClientFrom("127.0.0.2", nginx.BaseAddress);
        using var three = ClientFrom("127.0.0.3", nginx.BaseAddress);

        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(two)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(two)).StatusCode);
        var refused = await CreateAsync(two);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        // Another address behind the same nginx has its own allowance, and a forged header does not buy one.
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(three)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CreateAsync(two, forwardedFor: "198.51.100.1")).StatusCode);
        // Metrics are never served through the public address.
        Assert.Equal(HttpStatusCode.NotFound, (await two.GetAsync("/metrics")).StatusCode);
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = JsonContent.Create(new { game = "bluff" }) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return client.SendAsync(request);
    }

    /// <summary>A client whose connections come from another loopback address, as another machine's would from its own.</summary>
    private static HttpClient ClientFrom(string address, Uri baseAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Affinity cookie values that nginx sends to <paramref name="instance"/>, each checked to stay there.</summary>
    private static async Task<List<string>> AffinityForAsync(HttpClient probe, string instance)
    {
        var found = new List<string>();
        for (var i = 0; i < 200 && found.Count < 3; i++)
        {
            var value = $"{instance}-probe-{i}";
            var served = new HashSet<string>();
            for (var round = 0; round < 3; round++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
                request.Headers.Add("Cookie", $"{AffinityCookie}={value}");
                using var response = await probe.SendAsync(request);
                Assert.False(response.Headers.Contains("Set-Cookie"), "A browser that has the cookie keeps it.");
                served.Add(response.Headers.GetValues(InstanceTag.Header).Single());
            }

            Assert.Single(served);
            if (served.Single() == instance)
            {
                found.Add(value);
            }
        }

        Assert.True(found.Count == 3, $"nginx sent no affinity key to instance {instance}.");
        return found;
    }

    private string Url(string path) => new Uri(_nginx.BaseAddress, path).ToString();

    private async Task<IPage> OpenAsync(BrowserNewContextOptions options, string affinity, string name)
    {
        var context = await _browser.NewContextAsync(options);
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = AffinityCookie, Value = affinity, Url = _nginx.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Patience);
        _pages.Add((name, page));
        page.Console += (_, message) => output.WriteLine($"[{name} console {message.Type}] {message.Text}");
        page.PageError += (_, error) =>
        {
            lock (_pageErrors)
            {
                _pageErrors.Add($"{page.Url}: {error}");
            }
        };
        return page;
    }

    private async Task RegisterAndSavePresetAsync(IPage page, string email)
    {
        await page.GotoAsync(Url("Account/Register?ReturnUrl=%2Fpresets"));
        await page.FillAsync("#register-email", email);
        await page.FillAsync("#register-password", Web.Presets.AccountTestClient.Password);
        await page.FillAsync("#register-confirm", Web.Presets.AccountTestClient.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/presets");
        await page.ClickAsync("text=New Bluff preset");
        await page.FillAsync("[data-field='name'] input", "Nginx night");
        foreach (var (field, value) in new[] { ("rounds", "2"), ("lieSeconds", "120"), ("revealStepSeconds", "1"), ("scoreboardSeconds", "2") })
        {
            await page.FillAsync($"[data-setting='{field}'] input", value);
        }

        await page.ClickAsync("button:has-text('Save preset')");
        await Expect(page.Locator("li[data-preset-id]")).ToContainTextAsync("Nginx night");
    }

    // A failure in a five-browser, two-instance game says little by itself: what each screen showed, where the game
    // stood and what crossed between the instances.
    private async Task WriteWhatEveryoneSawAsync()
    {
        foreach (var (name, page) in _pages)
        {
            try
            {
                output.WriteLine($"--- {name} at {page.Url}:\n{await page.Locator("body").AriaSnapshotAsync(new() { Timeout = 5_000 })}");
            }
            catch (PlaywrightException ex)
            {
                output.WriteLine($"--- {name}: no snapshot ({ex.Message})");
            }
        }

        if (_code is not null && await _a.App.Services.GetRequiredService<ISessionStore>().GetAsync(_code) is { } session)
        {
            output.WriteLine($"--- {_code}: {session.Status}, state {session.State?.GetType().Name}, seq {session.Seq}, players "
                + string.Join(", ", session.Players.Select(p => $"{p.Name} connected={p.Connected}")));
            foreach (var (name, instance) in new[] { ("A", _a), ("B", _b) })
            {
                output.WriteLine($"--- {name}: events " + string.Join(" ", instance.EventsOf(_code).Select(e => $"{e.Seq}:{e.Type}")));
            }
        }
    }

    private async Task<Session> SessionAsync(string code) =>
        (await _a.App.Services.GetRequiredService<ISessionStore>().GetAsync(code))!;

    private async Task<string> TruthAsync(string code) => ((BluffState)(await SessionAsync(code)).State!).Question.Truth;

    private static Dictionary<string, int> Scores(Session session)
    {
        var state = (BluffState)session.State!;
        return session.Players.ToDictionary(p => p.Name, p => state.Scores.GetValueOrDefault(p.Id));
    }
}
