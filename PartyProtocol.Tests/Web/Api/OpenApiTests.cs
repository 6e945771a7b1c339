using System.Net;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Web.Api;

public sealed class OpenApiTests(PartyAppFactory app) : IClassFixture<PartyAppFactory>
{
    [Fact]
    public async Task TheOpenApiDocumentListsThePlatformAndEveryBluffMoveWithItsBody()
    {
        using var api = new ApiTestClient(app);
        var document = await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, "/openapi/v1.json"));
        var paths = document.GetProperty("paths");
        foreach (var platform in new[] { "/api/games", "/api/sessions", "/api/sessions/{code}", "/api/sessions/{code}/players",
            "/api/sessions/{code}/players/{playerId}", "/api/sessions/{code}/play", "/api/sessions/{code}/pause", "/api/sessions/{code}/exit" })
        {
            Assert.True(paths.TryGetProperty(platform, out _), platform);
        }

        var bluffRoutes = new Dictionary<string, string[]>
        {
            ["rounds"] = [], ["question"] = [], ["lies"] = ["text"], ["lies/suggestions"] = [], ["answers/mix"] = [],
            ["guesses"] = ["answerId"], ["reactions"] = ["answerId", "emoji"], ["scores"] = [], ["scoreboard"] = [], ["finish"] = [],
        };
        foreach (var (route, fields) in bluffRoutes)
        {
            var operation = paths.GetProperty($"/api/sessions/{{code}}/{route}").GetProperty("post");
            Assert.Contains("Bluff", operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
            Assert.True(operation.GetProperty("responses").TryGetProperty("409", out var conflict), route);
            Assert.True(conflict.GetProperty("content").TryGetProperty("application/problem+json", out _));
            Assert.True(operation.TryGetProperty("security", out _), route);
            if (fields.Length > 0)
            {
                var schema = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
                Assert.Equal(fields, schema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
            }
            else
            {
                Assert.False(operation.TryGetProperty("requestBody", out _), route);
            }
        }

        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails").GetProperty("properties");
        Assert.True(problem.TryGetProperty("code", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("sessionToken").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task TheInteractiveReferencePageIsServed()
    {
        using var api = new ApiTestClient(app);
        var page = await api.Http.GetAsync(new Uri("scalar/v1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var redirect = await api.Http.GetAsync(new Uri("scalar", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, redirect.StatusCode);
    }
}
