using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Tests.Web.Localization;

/// <summary>
/// The audience's page (<c>/audience/{code}</c>, plain HTML and a script) speaks like the phone: the person's own
/// choice, else the room's language, else the browser's. Its script's sentences come with the page.
/// </summary>
public sealed class AudiencePageLanguageTests(PartyAppFactory app) : IClassFixture<PartyAppFactory>
{
    /// <summary>What the page and its script say in English; none of it may show on a Danish page.</summary>
    private static readonly string[] English =
    [
        "You are in the audience", "There was no seat for you", "go back", "Joining", "in the audience", "Your vote is in",
        "did not count", "Waiting for the game", "players so far", "player so far", "The game is over", "Thanks for playing",
        "Which one is the truth", "writing their lies", "Watch the big screen", "Answer with the audience", "Votes are closed",
        "Too many people", "Trying again", "can't join", "Try again in a moment", "Welcome to the audience", "Hold on",
    ];

    private async Task<(IDocument Page, IReadOnlyDictionary<string, string> Script, string Lang)> GetAsync(string code, string acceptLanguage,
        string? chosen = null)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = app.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"audience/{code}", UriKind.Relative));
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        if (chosen is not null)
        {
            request.Headers.Add("Cookie", $"{UiLanguages.CookieName}=c%3D{chosen}%7Cuic%3D{chosen}");
        }

        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        using var blob = JsonDocument.Parse(page.QuerySelector("script#texts")!.TextContent);
        var script = blob.RootElement.GetProperty("texts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        // What a person reads is the page without its scripts (the blob's keys are the script's names, not words).
        foreach (var element in page.QuerySelectorAll("script").ToList())
        {
            element.Remove();
        }

        return (page, script, blob.RootElement.GetProperty("lang").GetString()!);
    }

    private async Task<string> RoomAsync(string language)
    {
        using var api = new ApiTestClient(app);
        return (await api.CreateGameAsync(new { language })).Code;
    }

    private static void AssertDanish(IDocument page, IReadOnlyDictionary<string, string> script)
    {
        Assert.Equal("da", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Publikum · PartyProtocol", page.Title);
        Assert.Equal("Du er med i publikum", page.QuerySelector(".badge")!.TextContent);
        Assert.Equal("Deltager…", page.QuerySelector("#title")!.TextContent);
        Assert.Contains("gå tilbage", page.QuerySelector("#hint")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Din stemme er afgivet. Publikum taler med én stemme!", script["VoteIn"]);
        Assert.Equal("{0} spillere indtil videre.", script["PlayersSoFar_Other"]);
        Assert.Equal("Prøver igen om {0} s…", script["TryingAgain"]);

        var said = page.Body!.TextContent + " " + page.Title + " " + string.Join(" ", script.Values);
        var leaks = English.Where(e => said.Contains(e, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "English on the Danish audience page: " + string.Join(", ", leaks));
    }

    [Fact]
    public async Task ADanishRoomsAudiencePageIsDanishForADanishBrowserWithNoEnglishInThePageOrItsScript()
    {
        var (page, script, lang) = await GetAsync(await RoomAsync("da"), "da-DK,da;q=0.9,en;q=0.5");

        AssertDanish(page, script);
        Assert.Equal("da", lang);
        // Every sentence the script uses came with the page.
        Assert.Equal(20, script.Count);
    }

    [Fact]
    public async Task TheRoomsLanguageWinsOverTheBrowsersButThePersonsOwnChoiceWinsOverTheRooms()
    {
        var danishRoom = await RoomAsync("da");
        var englishRoom = await RoomAsync("en");

        var (fromRoom, fromRoomScript, _) = await GetAsync(danishRoom, "en-US");
        var (englishForDanish, _, _) = await GetAsync(englishRoom, "da");
        var (chosenDanish, chosenScript, _) = await GetAsync(englishRoom, "en-US", chosen: "da");
        var (chosenEnglish, _, chosenLang) = await GetAsync(danishRoom, "da", chosen: "en");

        AssertDanish(fromRoom, fromRoomScript);
        Assert.Equal("en", englishForDanish.DocumentElement.GetAttribute("lang"));
        Assert.Equal("You are in the audience", englishForDanish.QuerySelector(".badge")!.TextContent);
        AssertDanish(chosenDanish, chosenScript);
        Assert.Equal("en", chosenEnglish.DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", chosenLang);
        Assert.Equal("Joining…", chosenEnglish.QuerySelector("#title")!.TextContent);
    }

    [Fact]
    public async Task ARoomThatDoesNotExistGetsThePageInTheBrowsersLanguage()
    {
        var (page, script, _) = await GetAsync("QQQQ", "da");

        AssertDanish(page, script);
    }
}
