using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartyProtocol.Tests.Infrastructure;
using static PartyProtocol.Tests.Web.Presets.AccountTestClient;

namespace PartyProtocol.Tests.Web.Api;

/// <summary>
/// Accounts against guessing and against being locked out by others: log-ins and registrations are limited per client
/// (IPv4 address or IPv6 /64), a failed log-in answers the same whether the email has an account or not, and no
/// number of wrong passwords locks an account (what a guesser locks out is their own address).
/// </summary>
public sealed class AccountAbuseTests
{
    [Fact]
    public async Task ALogInAnswersTheSameForAnUnknownEmailAndAWrongPasswordHoweverOftenItIsTried()
    {
        using var app = new PartyAppFactory();
        using var client = app.CreateLiveClient();
        var email = NewEmail("known");
        Assert.True((await client.PostAsJsonAsync("/api/account/register", new { email, password = Password })).IsSuccessStatusCode);

        for (var attempt = 0; attempt < 8; attempt++)
        {
            var wrongPassword = await client.PostAsJsonAsync("/api/account/login", new { email, password = "Wrong-Pass-1" });
            var unknownEmail = await client.PostAsJsonAsync("/api/account/login", new { email = NewEmail("unknown"), password = "Wrong-Pass-1" });

            Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
            Assert.Equal(await AnswerAsync(unknownEmail), await AnswerAsync(wrongPassword));
        }
    }

    [Fact]
    public async Task WrongPasswordsFromSomeoneElseNeverLockTheOwnerOut()
    {
        using var app = new PartyAppFactory().WithSetting("ForwardedHeaders:KnownProxies:0", "127.0.0.1");
        using var client = app.CreateLiveClient();
        var email = NewEmail("victim");
        Assert.True((await client.PostAsJsonAsync("/api/account/register", new { email, password = Password })).IsSuccessStatusCode);

        // Identity's own policy locks an account after five failures; an attacker could renew that for ever.
        for (var attempt = 0; attempt < 12; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(client, email, $"Guess-{attempt}-x", "203.0.113.66")).StatusCode);
        }

        var owner = await LogInAsync(client, email, Password, "198.51.100.1");
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.False(string.IsNullOrEmpty((await owner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()));
    }

    [Fact]
    public async Task LogInsAreLimitedPerClientOnTheApiAndTheLogInPageTogether()
    {
        using var app = new PartyAppFactory()
            .WithSetting("ForwardedHeaders:KnownProxies:0", "127.0.0.1")
            .WithSetting("RateLimits:AccountLoginsPerMinute", "3");
        using var client = app.CreateLiveClient();
        var email = NewEmail("guessed");
        Assert.True((await client.PostAsJsonAsync("/api/account/register", new { email, password = Password })).IsSuccessStatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(client, email, "Guess-1-x", "2001:db8:5:6::1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(client, email, "Guess-2-x", "2001:db8:5:6::2")).StatusCode);
        // Reading the log-in page is free; posting its form counts.
        var page = await SendAsync(client, HttpMethod.Get, "/Account/Login", "2001:db8:5:6::3");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = await SendAsync(client, HttpMethod.Post, "/Account/Login", "2001:db8:5:6::3",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "login", ["Input.Email"] = email, ["Input.Password"] = "Guess-3-x" }));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, form.StatusCode);

        var refused = await LogInAsync(client, email, Password, "2001:db8:5:6::4");
        await ApiTestClient.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(refused.Headers.RetryAfter);
        await ApiTestClient.ProblemAsync(await SendAsync(client, HttpMethod.Post, "/Account/Login", "2001:db8:5:6::5",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "login", ["Input.Email"] = email, ["Input.Password"] = Password })),
            HttpStatusCode.TooManyRequests, "rate_limited");

        // The owner, from anywhere else, is not affected.
        Assert.Equal(HttpStatusCode.OK, (await LogInAsync(client, email, Password, "198.51.100.1")).StatusCode);
    }

    [Fact]
    public async Task RegistrationsAreLimitedPerClient()
    {
        using var app = new PartyAppFactory()
            .WithSetting("ForwardedHeaders:KnownProxies:0", "127.0.0.1")
            .WithSetting("RateLimits:AccountRegistrationsPerHour", "2");
        using var client = app.CreateLiveClient();

        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(client, NewEmail("one"), "203.0.113.9")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(client, NewEmail("two"), "203.0.113.9")).StatusCode);
        await ApiTestClient.ProblemAsync(await RegisterAsync(client, NewEmail("three"), "203.0.113.9"), HttpStatusCode.TooManyRequests, "rate_limited");

        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(client, NewEmail("four"), "203.0.113.10")).StatusCode);
    }

    // The answer as a client sees it, less the request's own trace id.
    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var fields = body.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value.GetRawText()}");
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {string.Join(", ", fields)}";
    }

    private static Task<HttpResponseMessage> LogInAsync(HttpClient client, string email, string password, string forwardedFor) =>
        SendAsync(client, HttpMethod.Post, "/api/account/login", forwardedFor, JsonContent.Create(new { email, password }));

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string forwardedFor) =>
        SendAsync(client, HttpMethod.Post, "/api/account/register", forwardedFor, JsonContent.Create(new { email, password = Password }));

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string forwardedFor, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }
}
