using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Web.Api;

/// <summary>Talks to the live app's REST API the way an outside client would, with helpers for the common calls.</summary>
public sealed class ApiTestClient(PartyAppFactory app) : IDisposable
{
    private readonly HttpClient _http = app.CreateLiveClient();

    public HttpClient Http => _http;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return _http.SendAsync(request);
    }

    /// <summary>POSTs <paramref name="json"/> exactly as given (for malformed and hostile bodies).</summary>
    public Task<HttpResponseMessage> PostRawAsync(string path, string json, string? token = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path.TrimStart('/'), UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, contentType),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string? token = null, object? body = null) =>
        SendAsync(HttpMethod.Post, path, token, body);

    /// <summary>A Bluff room with the given players seated.</summary>
    public Task<RestGame> CreateGameAsync(object? settings = null, params string[] players) => CreateAsync("bluff", settings, players);

    /// <summary>A room of any installed game with the given players seated.</summary>
    public async Task<RestGame> CreateAsync(string game, object? settings = null, params string[] players)
    {
        var created = await OkAsync(await PostAsync("/api/sessions", body: new { game, settings = settings ?? new { } }), HttpStatusCode.Created);
        var session = new RestGame(this, app, created.GetProperty("code").GetString()!, created.GetProperty("ownerToken").GetString()!);
        foreach (var name in players)
        {
            await session.JoinAsync(name);
        }

        return session;
    }

    /// <summary>Asserts a success status and returns the JSON body.</summary>
    public static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 problem with the given status and code, and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A session driven over REST: the owner token, the seated players, and a peek at the server's secrets.</summary>
public sealed class RestGame(ApiTestClient client, PartyAppFactory app, string code, string ownerToken)
{
    public string Code { get; } = code;

    public string OwnerToken { get; } = ownerToken;

    public Dictionary<string, (string Id, string Token)> Players { get; } = [];

    public string Id(string name) => Players[name].Id;

    public string Token(string name) => Players[name].Token;

    public string Path(string route = "") => $"/api/sessions/{Code}" + (route.Length == 0 ? "" : "/" + route);

    public async Task<JsonElement> JoinAsync(string name)
    {
        var joined = await ApiTestClient.OkAsync(await client.PostAsync(Path("players"), body: new { name }), HttpStatusCode.Created);
        Players[name] = (joined.GetProperty("playerId").GetString()!, joined.GetProperty("playerToken").GetString()!);
        return joined;
    }

    public Task<HttpResponseMessage> OwnerAsync(string route) => client.PostAsync(Path(route), OwnerToken);

    public Task<HttpResponseMessage> PlayerAsync(string name, string route, object? body = null) => client.PostAsync(Path(route), Token(name), body);

    /// <summary>Makes an owner move that must succeed; returns the session's seq after it.</summary>
    public async Task<long> OwnerOkAsync(string route) => (await ApiTestClient.OkAsync(await OwnerAsync(route))).GetProperty("seq").GetInt64();

    /// <summary>Makes a player move that must succeed; returns the response body ({ seq, result }).</summary>
    public async Task<JsonElement> PlayerOkAsync(string name, string route, object? body = null) =>
        await ApiTestClient.OkAsync(await PlayerAsync(name, route, body));

    public async Task<JsonElement> ViewAsync(string? player = null) =>
        await ApiTestClient.OkAsync(await client.SendAsync(HttpMethod.Get, Path(), player is null ? null : Token(player)));

    /// <summary>The server's own record of the session (tests may look at secrets; clients cannot).</summary>
    public async Task<Session?> SessionAsync() => await app.Services.GetRequiredService<ISessionStore>().GetAsync(Code);

    /// <summary>The game's state on the server, as its record.</summary>
    public async Task<TState> StateOf<TState>() where TState : class => (TState)(await SessionAsync())!.State!;

    public Task<BluffState> StateAsync() => StateOf<BluffState>();

    public async Task<string> TruthAsync() => (await StateAsync()).Question.Truth;

    public async Task<string> TruthIdAsync() => (await StateAsync()).Answers.Single(a => a.Kind == AnswerKind.Truth).Id;

    public async Task<string> AnswerIdAsync(string text) =>
        (await StateAsync()).Answers.Single(a => AnswerText.Key(a.Text) == AnswerText.Key(text)).Id;
}
