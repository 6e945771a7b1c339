using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Tests.Web.Api;

/// <summary>Hostile and broken requests get a clear problem, never a 500, and never reach the last-resort handler.</summary>
public sealed class ApiRobustnessTests(CapturingAppFactory app) : IClassFixture<CapturingAppFactory>, IDisposable
{
    private readonly ApiTestClient _api = new(app);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task MalformedJsonIsInvalidInputOnEveryEndpointThatTakesABody()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await game.OwnerOkAsync("play");
        foreach (var (path, token) in new[] { ("/api/sessions", null), (game.Path("players"), null), (game.Path("lies"), game.Token("Ann")) })
        {
            foreach (var body in new[] { "{\"name\":", "{'text': 'single quotes'}", "not json", "{\"a\":1}}", "[" + new string('[', 100) })
            {
                var problem = await ApiTestClient.ProblemAsync(await _api.PostRawAsync(path, body, token), HttpStatusCode.BadRequest, "invalid_input");
                Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _), $"{path} {body}");
            }
        }

        Assert.Empty(app.Logs.UnhandledApiErrors);
    }

    [Fact]
    public async Task ATenMegabyteBodyIsRefusedAsTooLarge()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        var huge = "{\"text\":\"" + new string('x', 10 * 1024 * 1024) + "\"}";
        await ApiTestClient.ProblemAsync(await _api.PostRawAsync("/api/sessions", huge), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await ApiTestClient.ProblemAsync(await _api.PostRawAsync(game.Path("lies"), huge, game.Token("Ann")), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");

        // Without a Content-Length the limit is enforced while reading.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, new Uri(game.Path("players").TrimStart('/'), UriKind.Relative))
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))),
        };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        await ApiTestClient.ProblemAsync(await _api.Http.SendAsync(chunked), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");

        // The session is unharmed.
        Assert.Equal(2, (await game.ViewAsync()).GetProperty("players").GetArrayLength());
        Assert.Empty(app.Logs.UnhandledApiErrors);
    }

    [Fact]
    public async Task WrongTypesAreInvalidInputNamingTheField()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob", "Cy");
        await game.OwnerOkAsync("play");
        var cases = new (string Path, string? Token, string Body, string Field)[]
        {
            ("/api/sessions", null, "{\"game\": 42}", "game"),
            ("/api/sessions", null, "{\"game\": \"bluff\", \"settings\": [1, 2]}", "settings"),
            ("/api/sessions", null, "{\"presetId\": \"seven\"}", "presetId"),
            (game.Path("players"), null, "{\"name\": 5}", "name"),
            (game.Path("players"), null, "{\"name\": {\"first\": \"Ann\"}}", "name"),
            (game.Path("lies"), game.Token("Ann"), "{\"text\": true}", "text"),
            (game.Path("lies"), game.Token("Ann"), "[\"a lie\"]", "body"),
            (game.Path("lies"), game.Token("Ann"), "\"a lie\"", "body"),
            (game.Path("reactions"), game.Token("Ann"), "{\"answerId\": 3, \"emoji\": \"😂\"}", "answerId"),
        };
        foreach (var (path, token, body, field) in cases)
        {
            var problem = await ApiTestClient.ProblemAsync(await _api.PostRawAsync(path, body, token), HttpStatusCode.BadRequest, "invalid_input");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{body} should name '{field}': {problem}");
        }

        // Nothing was half-applied: no lie was recorded.
        Assert.Empty((await game.StateAsync()).Lies);
        Assert.Empty(app.Logs.UnhandledApiErrors);
    }

    [Fact]
    public async Task UnknownFieldsAreRefusedByName()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await game.OwnerOkAsync("play");
        var lie = await ApiTestClient.ProblemAsync(await _api.PostRawAsync(game.Path("lies"), "{\"text\": \"a lie\", \"points\": 9000}", game.Token("Ann")),
            HttpStatusCode.BadRequest, "invalid_input");
        Assert.True(lie.GetProperty("errors").TryGetProperty("points", out _));
        var join = await ApiTestClient.ProblemAsync(await _api.PostRawAsync("/api/sessions", "{\"game\": \"bluff\", \"admin\": true}"),
            HttpStatusCode.BadRequest, "invalid_input");
        Assert.True(join.GetProperty("errors").TryGetProperty("admin", out _));
        var extra = await ApiTestClient.ProblemAsync(await _api.PostRawAsync(game.Path("question"), "{\"loud\": true}", game.OwnerToken),
            HttpStatusCode.BadRequest, "invalid_input");
        Assert.Contains("takes no body", extra.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ApiTestClient.OkAsync(await _api.PostRawAsync(game.Path("question"), "{}", game.OwnerToken));
        Assert.Empty((await game.StateAsync()).Lies);
        Assert.Empty(app.Logs.UnhandledApiErrors);
    }

    [Fact]
    public async Task UnknownRoutesUnderApiAreProblemDocuments()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await ApiTestClient.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/nothing/here"), HttpStatusCode.NotFound, "not_found");
        await ApiTestClient.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api"), HttpStatusCode.NotFound, "not_found");
        await ApiTestClient.ProblemAsync(await _api.SendAsync(HttpMethod.Put, game.Path()), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        await ApiTestClient.ProblemAsync(await _api.SendAsync(HttpMethod.Get, game.Path("lies")), HttpStatusCode.NotFound, "not_found");
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "lies/and/more"), HttpStatusCode.NotFound, "unknown_move");
        await ApiTestClient.ProblemAsync(await _api.PostAsync("/api/sessions/QQQQ/lies"), HttpStatusCode.NotFound, "session_not_found");
        await ApiTestClient.ProblemAsync(await _api.PostAsync("/api/sessions/not-a-code/lies"), HttpStatusCode.NotFound, "session_not_found");
        Assert.Empty(app.Logs.UnhandledApiErrors);
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsUnsupported()
    {
        var game = await _api.CreateGameAsync();
        await ApiTestClient.ProblemAsync(await _api.PostRawAsync(game.Path("players"), "name=Ann", contentType: "application/x-www-form-urlencoded"),
            HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Empty(app.Logs.UnhandledApiErrors);
    }

    [Fact]
    public async Task TokensAreReadOnlyFromTheBearerScheme()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        using var basic = new HttpRequestMessage(HttpMethod.Post, new Uri(game.Path("play").TrimStart('/'), UriKind.Relative));
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", game.OwnerToken);
        await ApiTestClient.ProblemAsync(await _api.Http.SendAsync(basic), HttpStatusCode.Unauthorized, "unauthorized");
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("play"), new string('a', 10_000)), HttpStatusCode.Unauthorized, "unauthorized");
        await game.OwnerOkAsync("play");
    }
}

/// <summary>The last-resort handler: a bug answers 500 problem+json without leaking its details, and is logged.</summary>
public sealed class ApiExceptionHandlerTests
{
    [Fact]
    public async Task AnUnexpectedFailureIsAnInternalErrorProblemWithoutDetails()
    {
        using var app = new BrokenStoreAppFactory();
        using var api = new ApiTestClient(app);
        var problem = await ApiTestClient.ProblemAsync(await api.SendAsync(HttpMethod.Get, "/api/sessions/ABCD"), HttpStatusCode.InternalServerError, "internal_error");
        Assert.DoesNotContain(BrokenStore.Secret, problem.ToString(), StringComparison.Ordinal);
        var logged = Assert.Single(app.Logs.UnhandledApiErrors);
        Assert.Contains(BrokenStore.Secret, logged.Exception!.Message, StringComparison.Ordinal);
    }

    private sealed class BrokenStoreAppFactory : CapturingAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ISessionStore, BrokenStore>());
        }
    }

    // A store with a bug in it (not an outage, which the service already answers with 503 unavailable).
    private sealed class BrokenStore : ISessionStore
    {
        public const string Secret = "connection string with a password";

        public ValueTask<Session?> GetAsync(string code, CancellationToken cancellationToken = default) => throw new InvalidOperationException(Secret);

        public ValueTask<bool> TryCreateAsync(Session session, CancellationToken cancellationToken = default) => throw new InvalidOperationException(Secret);

        public ValueTask<bool> TryUpdateAsync(Session session, long expectedVersion, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException(Secret);

        public ValueTask DeleteAsync(string code, CancellationToken cancellationToken = default) => throw new InvalidOperationException(Secret);
    }
}
