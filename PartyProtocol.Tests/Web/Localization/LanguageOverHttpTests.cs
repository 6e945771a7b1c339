using System.Net;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Tests.Web.Localization;

/// <summary>
/// The language of a response: the player's own choice (the join page's switch, in a cookie) first, then the
/// browser's Accept-Language, then English. Problems keep their code in every language.
/// </summary>
public sealed class LanguageOverHttpTests(PartyAppFactory app) : IClassFixture<PartyAppFactory>
{
    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptLanguage = null, string? cookie = null)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await http.SendAsync(request);
    }

    [Fact]
    public async Task AProblemIsInTheLanguageTheClientAcceptsAndKeepsItsCode()
    {
        var danish = await ApiTestClient.ProblemAsync(await GetAsync("/api/sessions/QQQQ", "da-DK,da;q=0.9,en;q=0.5"), HttpStatusCode.NotFound, "session_not_found");
        var english = await ApiTestClient.ProblemAsync(await GetAsync("/api/sessions/QQQQ", "en-GB"), HttpStatusCode.NotFound, "session_not_found");
        var unknown = await ApiTestClient.ProblemAsync(await GetAsync("/api/sessions/QQQQ", "fr-FR"), HttpStatusCode.NotFound, "session_not_found");

        Assert.Equal("Der er intet spil med den rumkode. Tjek koden på tv'et.", danish.GetProperty("detail").GetString());
        Assert.Equal("Ikke fundet.", danish.GetProperty("title").GetString());
        Assert.Equal("Not found.", english.GetProperty("title").GetString());
        Assert.DoesNotContain("rumkode", english.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(english.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheAccountApisRefusalsAreWordedInTheClientsLanguageWithIdentitysCodes()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        async Task<System.Text.Json.JsonElement> RegisterAsync(string language, object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "api/account/register") { Content = System.Net.Http.Json.JsonContent.Create(body) };
            request.Headers.AcceptLanguage.ParseAdd(language);
            var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        }

        var danish = await RegisterAsync("da", new { email = "kort@example.test", password = "a1" });
        var english = await RegisterAsync("en", new { email = "short@example.test", password = "a1" });

        Assert.Contains("Din adgangskode skal have mindst 6 tegn.", danish.GetProperty("PasswordTooShort")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Your password needs at least 6 characters.", english.GetProperty("PasswordTooShort")[0].GetString());
        Assert.Equal("Skriv en gyldig e-mailadresse.",
            (await RegisterAsync("da", new { email = "ikke-en-adresse", password = "Hemmelig1!" })).GetProperty("InvalidEmail")[0].GetString());
    }

    [Fact]
    public async Task AnErrorOfTheWebLayerIsInTheClientsLanguageToo()
    {
        var problem = await ApiTestClient.ProblemAsync(await GetAsync("/api/nothing-here", "da"), HttpStatusCode.NotFound, "not_found");

        Assert.Equal("Der er intet på denne adresse.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheJoinPageSpeaksTheBrowsersLanguage()
    {
        var danish = await (await GetAsync("/join", "da")).Content.ReadAsStringAsync();
        var english = await (await GetAsync("/join", "en-US")).Content.ReadAsStringAsync();

        Assert.Contains("Deltag i et spil", danish, StringComparison.Ordinal);
        Assert.Contains("lang=\"da\"", danish, StringComparison.Ordinal);
        Assert.Contains("Join a game", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSwitchKeepsThePlayersChoiceOverTheBrowsersLanguageAndGoesBack()
    {
        var switched = await GetAsync($"{PartyLocalizationExtensions.SwitchPath}?set=en&return=%2Fjoin%3Fcode%3DABCD", "da");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/join?code=ABCD", switched.Headers.Location!.OriginalString);
        var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(UiLanguages.CookieName + "=", cookie, StringComparison.Ordinal);

        var page = await (await GetAsync("/join?code=ABCD", "da", cookie.Split(';')[0])).Content.ReadAsStringAsync();
        Assert.Contains("Join a game", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Deltag i et spil", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSwitchNeitherFollowsAnotherSiteNorKeepsAnUnknownLanguage()
    {
        var elsewhere = await GetAsync($"{PartyLocalizationExtensions.SwitchPath}?set=da&return=%2F%2Fevil.example%2F");
        var unknown = await GetAsync($"{PartyLocalizationExtensions.SwitchPath}?set=xx&return=%2Fjoin");

        Assert.Equal("/", elsewhere.Headers.Location!.OriginalString);
        Assert.False(unknown.Headers.Contains("Set-Cookie"));
    }
}
