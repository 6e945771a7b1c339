using System.Net;
using System.Text;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Web.Api;

/// <summary>
/// Text players type, through the real HTTP pipeline: nicknames and lies share one set of rules (length in characters
/// and in UTF-16, marks per character, no control, bidi or invisible characters), and names, kicked names and
/// lie-versus-truth are compared by their confusable skeleton (Unicode TR39).
/// </summary>
public sealed class TypedTextOverRestTests(PartyAppFactory app) : IClassFixture<PartyAppFactory>, IDisposable
{
    private readonly ApiTestClient _api = new(app);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task ASixteenLetterNicknameOf64KilobytesOfStackedAccentsIsRefused()
    {
        var game = await _api.CreateGameAsync();
        var zalgo = string.Concat(Enumerable.Range(0, 16).Select(i => (char)('a' + i) + new string('\u0301', 1990)));
        Assert.True(Encoding.UTF8.GetByteCount(zalgo) > 63_000);

        // Raw UTF-8, as a phone would send it (a JSON serializer would escape every accent into six bytes).
        var refused = await _api.PostRawAsync(game.Path("players"), $"{{\"name\":\"{zalgo}\"}}");

        await ApiTestClient.ProblemAsync(refused, (HttpStatusCode)422, "invalid_name");
        Assert.Empty((await game.ViewAsync()).GetProperty("players").EnumerateArray());
    }

    [Theory]
    [InlineData("\u2800")]
    [InlineData("\u3164")]
    [InlineData("\u115F")]
    [InlineData("\u3164 \u2800 \uFFA0")]
    [InlineData("Ann\u202E")]
    public async Task InvisibleOnlyAndBidiNamesAreRefused(string name)
    {
        var game = await _api.CreateGameAsync();

        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("players"), body: new { name }), (HttpStatusCode)422, "invalid_name");
    }

    [Fact]
    public async Task ANameThatOnlyLooksDifferentIsTaken()
    {
        var game = await _api.CreateGameAsync(null, "Ann");

        // Cyrillic А (U+0410) in front of Latin "nn".
        var refused = await _api.PostAsync(game.Path("players"), body: new { name = "\u0410nn" });

        await ApiTestClient.ProblemAsync(refused, HttpStatusCode.Conflict, "name_taken");
    }

    [Fact]
    public async Task AKickedNameCannotComeBackInLookAlikeLetters()
    {
        var game = await _api.CreateGameAsync(null, "P0", "Bob");
        await ApiTestClient.OkAsync(await _api.SendAsync(HttpMethod.Delete, game.Path($"players/{game.Id("P0")}"), game.OwnerToken));

        // Cyrillic Р (U+0420) and the digit zero; and the Latin letters P and O.
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("players"), body: new { name = "\u04200" }), HttpStatusCode.Forbidden, "kicked");
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("players"), body: new { name = "PO" }), HttpStatusCode.Forbidden, "kicked");
    }

    [Fact]
    public async Task CommonEmojiSequencesAreAcceptedInNames()
    {
        var game = await _api.CreateGameAsync();

        foreach (var name in new[] { "👨‍👩‍👧", "Ann ❤", "🏳️‍🌈 Bo" })
        {
            var joined = await ApiTestClient.OkAsync(await _api.PostAsync(game.Path("players"), body: new { name }), HttpStatusCode.Created);
            Assert.Equal(name, joined.GetProperty("name").GetString());
        }
    }

    [Fact]
    public async Task TheTruthTypedWithCyrillicLookAlikesIsStillTheTruth()
    {
        // A few truths are numbers, with no Cyrillic twin to swap in: deal again until the question has letters.
        RestGame? game = null;
        var (truth, disguised) = ("", "");
        for (var deal = 0; deal < 30 && truth == disguised; deal++)
        {
            game = await _api.CreateGameAsync(null, "Ann", "Bob");
            await game.OwnerOkAsync("play");
            truth = await game.TruthAsync();
            disguised = LookAlike(truth);
        }

        Assert.NotEqual(truth, disguised);
        var refused = await game!.PlayerAsync("Ann", "lies", new { text = disguised });

        await ApiTestClient.ProblemAsync(refused, (HttpStatusCode)422, BluffErrors.LieIsTruth);
    }

    [Theory]
    [InlineData("a \u202Ereversed\u202C lie")]
    [InlineData("an \u2066isolated\u2069 lie")]
    [InlineData("a bell\u0007")]
    [InlineData("\u2800\u2800")]
    public async Task ALieWithControlBidiOrInvisibleCharactersIsRefused(string text)
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await game.OwnerOkAsync("play");

        var refused = await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "lies", new { text }), (HttpStatusCode)422, "invalid_input");

        Assert.True(refused.GetProperty("errors").TryGetProperty("text", out _));
        Assert.Empty((await game.StateAsync()).Lies);
    }

    [Fact]
    public async Task ALieOfStackedAccentsIsRefusedButAnEmojiFamilyLieIsNot()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await game.OwnerOkAsync("play");

        var zalgo = "a l" + new string('\u0301', 40) + "ie";
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "lies", new { text = zalgo }), (HttpStatusCode)422, "invalid_input");
        var accepted = await game.PlayerOkAsync("Ann", "lies", new { text = "a 👨‍👩‍👧 picnic" });

        Assert.True(accepted.GetProperty("result").GetProperty("accepted").GetBoolean());
    }

    [Fact]
    public async Task AHeartWithoutItsEmojiSelectorIsTheHeartReaction()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await game.OwnerOkAsync("play");
        await game.PlayerOkAsync("Ann", "lies", new { text = "a velvet submarine" });
        await game.PlayerOkAsync("Bob", "lies", new { text = "three angry owls" });
        var owls = await game.AnswerIdAsync("three angry owls");

        await game.PlayerOkAsync("Ann", "reactions", new { answerId = owls, emoji = "\u2764" });

        var counts = (await game.StateAsync()).Reactions[owls];
        Assert.Equal(["❤️"], counts.Keys);
        // The same reaction again, now spelled with its selector, is the same reaction.
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "reactions", new { answerId = owls, emoji = "❤️" }),
            HttpStatusCode.Conflict, BluffErrors.AlreadyReacted);
    }

    // Swaps every Latin letter that has a Cyrillic twin for the twin.
    private static string LookAlike(string text)
    {
        var twins = new Dictionary<char, char>
        {
            ['a'] = '\u0430', ['c'] = '\u0441', ['e'] = '\u0435', ['o'] = '\u043E', ['p'] = '\u0440', ['x'] = '\u0445', ['y'] = '\u0443',
            ['A'] = '\u0410', ['B'] = '\u0412', ['C'] = '\u0421', ['E'] = '\u0415', ['H'] = '\u041D', ['K'] = '\u041A', ['M'] = '\u041C',
            ['O'] = '\u041E', ['P'] = '\u0420', ['T'] = '\u0422', ['X'] = '\u0425', ['i'] = '\u0456', ['s'] = '\u0455', ['j'] = '\u0458',
        };
        return new string(text.Select(c => twins.GetValueOrDefault(c, c)).ToArray());
    }
}
