using System.Net;
using System.Text.Json;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;

namespace PartyProtocol.Tests.Web.Localization;

/// <summary>
/// A problem's per-field <c>errors</c> speak the client's language (Accept-Language) like its <c>detail</c>: each kind
/// of failure has a code and a sentence per language, with the failing values in it. The problem's <c>code</c> and the
/// field names never change.
/// </summary>
public sealed class FieldErrorsOverHttpTests(PartyAppFactory app) : IClassFixture<PartyAppFactory>
{
    private static readonly object LongTimers = new { rounds = 2, lieSeconds = 600, guessSeconds = 600 };

    private ApiTestClient Client(string language)
    {
        var api = new ApiTestClient(app);
        api.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return api;
    }

    private static string Field(JsonElement problem, string field) =>
        string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()));

    [Fact]
    public async Task SettingsOutOfRangeOrOfTheWrongTypeAreRefusedFieldByFieldInDanish()
    {
        using var danish = Client("da-DK,da;q=0.9");
        using var english = Client("en-GB");
        var body = new { game = "bluff", settings = new { rounds = 99, lieSeconds = "soon", familyFriendly = 1, colour = "red" } };

        var da = await ApiTestClient.ProblemAsync(await danish.PostAsync("/api/sessions", body: body), HttpStatusCode.UnprocessableEntity, "invalid_input");
        var en = await ApiTestClient.ProblemAsync(await english.PostAsync("/api/sessions", body: body), HttpStatusCode.UnprocessableEntity, "invalid_input");

        Assert.Equal("Indstillingen 'rounds' skal være mellem 1 og 20.", Field(da, "settings.rounds"));
        Assert.Equal("Indstillingen 'lieSeconds' skal være et helt tal mellem 1 og 600.", Field(da, "settings.lieSeconds"));
        Assert.Equal("Indstillingen 'familyFriendly' skal være true eller false.", Field(da, "settings.familyFriendly"));
        Assert.Equal("'colour' er ikke en indstilling i Bluff.", Field(da, "settings.colour"));
        Assert.Equal("Setting 'rounds' must be between 1 and 20.", Field(en, "settings.rounds"));
        Assert.Equal("Setting 'lieSeconds' must be a whole number between 1 and 600.", Field(en, "settings.lieSeconds"));
        Assert.Equal("'colour' is not a setting of Bluff.", Field(en, "settings.colour"));
        Assert.Equal(
            en.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(),
            da.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task AChoiceOfOptionsIsListedWithTheLanguagesOwnOr()
    {
        using var danish = Client("da");

        var da = await ApiTestClient.ProblemAsync(
            await danish.PostAsync("/api/sessions", body: new { game = "bluff", settings = new { language = "fr" } }),
            HttpStatusCode.UnprocessableEntity, "invalid_input");

        Assert.Equal("Indstillingen 'language' skal være en af 'en' eller 'da'.", Field(da, "settings.language"));
    }

    [Fact]
    public async Task ANicknameThatIsTooLongIsRefusedInDanishInTheDetailAndOnTheField()
    {
        using var danish = Client("da");
        var game = await danish.CreateGameAsync();

        var da = await ApiTestClient.ProblemAsync(await danish.PostAsync(game.Path("players"), body: new { name = new string('a', 17) }),
            HttpStatusCode.UnprocessableEntity, "invalid_name");

        Assert.Equal("Et kaldenavn må højst have 16 tegn.", Field(da, "name"));
        // The refusal's own sentence is the field's: the detail says exactly what is wrong, not the code's general words.
        Assert.Equal("Et kaldenavn må højst have 16 tegn.", da.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ALieThatIsTheTruthAndALieWithoutALetterAreRefusedInDanish()
    {
        using var danish = Client("da");
        var game = await danish.CreateGameAsync(LongTimers, "Ann", "Bob");
        await game.OwnerOkAsync("play");

        var truth = await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "lies", new { text = await game.TruthAsync() }),
            HttpStatusCode.UnprocessableEntity, "lie_is_truth");
        var empty = await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "lies", new { text = "?!" }),
            HttpStatusCode.UnprocessableEntity, "invalid_input");

        Assert.Equal("Det er sandheden – skriv en løgn i stedet.", Field(truth, "text"));
        Assert.Equal("En løgn skal have mindst ét bogstav eller tal.", Field(empty, "text"));
        Assert.Equal("En løgn skal have mindst ét bogstav eller tal.", empty.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AFieldARequestDoesNotTakeIsNamedWithTheFieldsItDoesTakeAndTheirTypesInDanish()
    {
        using var danish = Client("da");
        var game = await danish.CreateGameAsync(LongTimers, "Ann", "Bob");
        await game.OwnerOkAsync("play");

        var da = await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "lies", new { text = "a paper moon", mood = "sly" }),
            HttpStatusCode.BadRequest, "invalid_input");

        Assert.Equal("'mood' er ikke et felt i denne forespørgsel. Felterne er 'text' (en tekst).", Field(da, "mood"));
    }

    [Fact]
    public async Task TheSameRefusalsStayInEnglishForAnEnglishClient()
    {
        using var english = Client("en-US");
        var game = await english.CreateGameAsync(LongTimers, "Ann", "Bob");
        await game.OwnerOkAsync("play");

        var name = await ApiTestClient.ProblemAsync(await english.PostAsync(game.Path("players"), body: new { name = "" }),
            HttpStatusCode.UnprocessableEntity, "invalid_name");
        var mood = await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "lies", new { text = "a paper moon", mood = "sly" }),
            HttpStatusCode.BadRequest, "invalid_input");

        Assert.Equal("Choose a nickname.", Field(name, "name"));
        Assert.Equal("'mood' is not a field of this request; it takes 'text' (a string).", Field(mood, "mood"));
    }
}
