using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Web.Presets;

/// <summary>Registers and logs in accounts through the real Identity endpoints, the way API clients do.</summary>
public static class AccountTestClient
{
    public const string Password = "Party-Pass-1";

    public static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    /// <summary>A live client carrying the bearer token of a freshly registered account.</summary>
    public static async Task<HttpClient> SignedInAsync(PartyAppFactory app, string who)
    {
        var client = app.CreateLiveClient();
        var email = NewEmail(who);
        var registered = await client.PostAsJsonAsync("/api/account/register", new { email, password = Password });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var login = await client.PostAsJsonAsync("/api/account/login", new { email, password = Password });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        client.DefaultRequestHeaders.Add("X-Test-Email", email);
        return client;
    }

    public static string EmailOf(HttpClient client) => client.DefaultRequestHeaders.GetValues("X-Test-Email").Single();

    /// <summary>Asserts a problem+json response with the given status and code, and returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
