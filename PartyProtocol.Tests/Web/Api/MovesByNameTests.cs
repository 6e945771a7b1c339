using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Engine;
using PartyProtocol.Tests.Core.Engine;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Composition;

namespace PartyProtocol.Tests.Web.Api;

/// <summary>Any game's move by its name, and OpenAPI bodies for routes and names two games share.</summary>
public sealed class MovesByNameTests
{
    [Fact]
    public async Task AnyMoveCanBeMadeByItsNameWithTheSameBodyAndTheSameRules()
    {
        using var app = new PartyAppFactory();
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(new { lieSeconds = 600 }, "Ann", "Bob");
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "moves/submit_lie", new { text = "too soon" }), HttpStatusCode.Conflict, "wrong_phase");
        await game.OwnerOkAsync("play");

        var lied = await game.PlayerOkAsync("Ann", "moves/submit_lie", new { text = "a lie by name" });
        Assert.True(lied.GetProperty("result").GetProperty("accepted").GetBoolean());
        Assert.Equal("a lie by name", (await game.StateAsync()).Lies[game.Id("Ann")].Text);

        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Bob", "moves/submit_lie"), HttpStatusCode.BadRequest, "invalid_input");
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Bob", "moves/submit_lie", new { words = "x" }), HttpStatusCode.BadRequest, "invalid_input");
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Bob", "moves/mix_answers"), HttpStatusCode.Forbidden, "forbidden");
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Bob", "moves/no_such_move"), HttpStatusCode.NotFound, "unknown_move");
        await ApiTestClient.ProblemAsync(await game.OwnerAsync("moves/mix_answers"), HttpStatusCode.Conflict, "phase_not_complete");
        var suggestions = await game.PlayerOkAsync("Bob", "moves/suggest_lies");
        Assert.Equal(2, suggestions.GetProperty("result").GetProperty("suggestions").GetArrayLength());
        await ApiTestClient.ProblemAsync(await api.PostAsync("/api/sessions/ZZZZ/moves/submit_lie", game.Token("Ann"), new { text = "x" }),
            HttpStatusCode.NotFound, "session_not_found");
    }

    [Fact]
    public async Task WhenTwoGamesShareARouteOrAMoveNameOpenApiOffersEachGamesBody()
    {
        // A third game whose answer shares Bluff's route 'guesses' and Quiz's move name 'answer', with a body of its own.
        using var app = new PartyAppFactory().WithServices(services => services.AddCartridge<QuickQuizModule>());
        using var api = new ApiTestClient(app);

        var document = await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, "/openapi/v1.json"));

        var paths = document.GetProperty("paths");
        var guesses = paths.GetProperty("/api/sessions/{code}/guesses").GetProperty("post");
        Assert.Equal(["Bluff", "Quick quiz"], guesses.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal([["answerId"], ["choice"]], Bodies(document, guesses));
        var byName = paths.GetProperty("/api/sessions/{code}/moves/answer").GetProperty("post");
        Assert.Equal(["Quick quiz", "Quiz"], byName.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(2, byName.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")
            .GetProperty("oneOf").GetArrayLength());
        var lies = paths.GetProperty("/api/sessions/{code}/moves/submit_lie").GetProperty("post");
        Assert.Equal([["text"]], Bodies(document, lies));

        // And each game gets its own body at the shared route.
        var quick = await api.CreateAsync("quick-quiz", null, "Ann");
        await quick.OwnerOkAsync("play");
        await quick.PlayerOkAsync("Ann", "guesses", new { choice = 0 });
        await ApiTestClient.ProblemAsync(await quick.PlayerAsync("Ann", "guesses", new { answerId = "a1-1" }), HttpStatusCode.BadRequest, "invalid_input");
    }

    /// <summary>The property names of each body schema an operation accepts (one, or each of a oneOf), resolving references.</summary>
    private static List<List<string>> Bodies(JsonElement document, JsonElement operation)
    {
        var schema = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var schemas = schema.TryGetProperty("oneOf", out var oneOf) ? oneOf.EnumerateArray().ToList() : [schema];
        return [.. schemas.Select(s => Resolve(document, s).GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList())
            .OrderBy(names => names[0], StringComparer.Ordinal)];
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    /// <summary>The contract tests' quick quiz as a module, its answer at Bluff's route 'guesses'.</summary>
    private sealed class QuickQuizModule : CartridgeModule
    {
        public override string GameKey => "quick-quiz";

        public override void Register(CartridgeModuleBuilder game) => game.Services.AddSingleton<ICartridge>(new QuickQuizCartridge("guesses"));
    }
}
