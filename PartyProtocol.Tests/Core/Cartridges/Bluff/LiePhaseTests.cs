using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Cartridges.Bluff;

public sealed class LiePhaseTests
{
    private static TestEngine RemyEngine() => new(new QuestionBankBuilder()
        .With(new QuestionBuilder("remy")
            .WithText("Nostradamus was born in the Provence town of <BLANK>.")
            .WithTruth("Saint-Rémy", "St Remy", "Saint-Rémy-de-Provence")
            .WithDecoys("Arles", "Avignon", "Les Baux", "Tarascon"))
        .Build());

    [Theory]
    [InlineData("")]
    [InlineData("     ")]
    [InlineData("A lie of sixty-one characters is one character too long, oops")]
    public async Task ALieOfZeroOrMoreThanSixtyCharactersIsRefused(string text)
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        var error = await game.LieAsync("Ann", text).RefusedAsync(ErrorCodes.InvalidInput);

        Assert.Equal(new[] { "text" }, error.Errors!.Keys);
        Assert.Empty((await game.StateAsync()).Lies);
    }

    [Theory]
    [InlineData("x", "x")]
    [InlineData("   padded lie   ", "padded lie")]
    [InlineData("A lie of exactly sixty characters is just short enough, fine", "A lie of exactly sixty characters is just short enough, fine")]
    [InlineData("  A lie of exactly sixty characters is just short enough, fine  ", "A lie of exactly sixty characters is just short enough, fine")]
    [InlineData("inner    spaces   collapse", "inner spaces collapse")]
    [InlineData("🦄", "🦄")]
    public async Task ALieOfOneToSixtyCharactersAfterTrimmingIsTaken(string text, string stored)
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        await game.LieAsync("Ann", text).OkAsync();

        Assert.Equal(stored, (await game.StateAsync()).Lies[game.Id("Ann")].Text);
        Assert.Equal(stored, (await game.BluffAsync("Ann")).You!.Lie);
    }

    [Fact]
    public async Task ALieWithoutALetterOrDigitIsRefused()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        await game.LieAsync("Ann", "?!.-").RefusedAsync(ErrorCodes.InvalidInput);
    }

    [Theory]
    [InlineData("Saint-Rémy")]
    [InlineData("saint-rémy")]
    [InlineData("SAINT REMY")]
    [InlineData("Saint Rémy!")]
    [InlineData("  saint    rémy  ")]
    [InlineData("saint.remy")]
    [InlineData("Sàint Rêmy")]
    [InlineData("St. Rémy")]
    [InlineData("ST-REMY")]
    [InlineData("saint rémy de provence")]
    public async Task ALieEqualToTheTruthInAnySpellingIsRefusedAndNothingIsStored(string text)
    {
        using var engine = RemyEngine();
        var game = await engine.CreateAsync(new { rounds = 1 }, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        var before = await game.ViewAsync();

        var error = await game.LieAsync("Ann", text).RefusedAsync(BluffErrors.LieIsTruth);

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("lie", error.Message, StringComparison.OrdinalIgnoreCase);
        var after = await game.ViewAsync();
        Assert.Equal((before.Seq, before.Version), (after.Seq, after.Version));
        Assert.Empty((await game.StateAsync()).Lies);
        Assert.True((await game.BluffAsync("Ann")).You!.CanSubmit);
        await game.LieAsync("Ann", "Arles").OkAsync();
    }

    [Theory]
    [InlineData("Saint-Rémy-les-Bains")]
    [InlineData("Remy")]
    [InlineData("Saint Tropez")]
    public async Task ALieThatMerelyResemblesTheTruthIsTaken(string text)
    {
        using var engine = RemyEngine();
        var game = await engine.CreateAsync(new { rounds = 1 }, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        await game.LieAsync("Ann", text).OkAsync();
    }

    [Fact]
    public async Task ASecondLieIsRefusedAndTheFirstStands()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        await game.LieAsync("Ann", "my first lie").OkAsync();

        await game.LieAsync("Ann", "a better lie").RefusedAsync(ErrorCodes.AlreadySubmitted);

        Assert.Equal("my first lie", (await game.StateAsync()).Lies[game.Id("Ann")].Text);
        Assert.False((await game.BluffAsync("Ann")).You!.CanSubmit);
        Assert.Equal(new[] { game.Id("Ann") }, (await game.BluffAsync()).Submitted);
    }

    [Fact]
    public async Task IdenticalLiesBecomeOneAnswerCreditedToBothAuthors()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { rounds = 3 }, "Ann", "Bob", "Cy", "Dee");
        await game.PlayAsync().OkAsync();

        var guess = await game.LieAllAsync(("Ann", "Pink Parade"), ("Bob", "  pink   PARADE!! "), ("Cy", "a third lie"), ("Dee", "a fourth lie"));

        var parade = guess.Answer("pink parade");
        Assert.Equal(new[] { game.Id("Ann"), game.Id("Bob") }.Order(StringComparer.Ordinal), parade.Authors.Order(StringComparer.Ordinal));
        Assert.Single(guess.Answers, a => a.Kind == AnswerKind.Lie && a.Authors.Contains(game.Id("Ann")));
        // Four players need five answers: truth, three distinct lies, one house decoy.
        Assert.Equal(5, guess.Answers.Count);
        Assert.Single(guess.Answers, a => a.Kind == AnswerKind.House);

        // Round 1 scores ×1: each author of the shared lie earns 500 for each of the two players it fools.
        await game.GuessAsync("Ann", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Bob", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Cy", parade.Id).OkAsync();
        await game.GuessAsync("Dee", parade.Id).OkAsync();
        var reveal = await game.WaitForPhaseAsync(BluffPhases.Reveal);
        var step = reveal.Reveal.Single(s => s.AnswerId == parade.Id);
        Assert.Equal(new[] { (game.Id("Ann"), 1000), (game.Id("Bob"), 1000) }.OrderBy(p => p.Item1, StringComparer.Ordinal),
            step.Points.Select(p => (p.PlayerId, p.Points)).OrderBy(p => p.PlayerId, StringComparer.Ordinal));
        Assert.Equal(2000, reveal.Scores[game.Id("Ann")]);
        Assert.Equal(2000, reveal.Scores[game.Id("Bob")]);
    }

    [Fact]
    public async Task LieForMeOffersTwoHouseDecoysAndOffersTheSameOnesAgain()
    {
        using var engine = RemyEngine();
        var game = await engine.CreateAsync(new { rounds = 1 }, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        var first = (LieSuggestions)(await game.SuggestAsync("Ann").OkAsync()).Result!;
        var again = (LieSuggestions)(await game.SuggestAsync("Ann").OkAsync()).Result!;

        Assert.Equal(2, first.Suggestions.Count);
        Assert.Equal(2, first.Suggestions.Distinct().Count());
        Assert.All(first.Suggestions, s => Assert.Contains(s, new[] { "Arles", "Avignon", "Les Baux", "Tarascon" }));
        Assert.Equal(first.Suggestions, again.Suggestions);
        Assert.Equal(first.Suggestions, (await game.BluffAsync("Ann")).You!.Suggestions);
        Assert.Null((await game.BluffAsync("Bob")).You!.Suggestions);
        Assert.Empty((await game.StateAsync()).Lies);
    }

    [Fact]
    public async Task SubmittingASuggestionMarksTheLieForHalfPoints()
    {
        using var engine = RemyEngine();
        var game = await engine.CreateAsync(new { rounds = 1 }, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        var offered = (LieSuggestions)(await game.SuggestAsync("Ann").OkAsync()).Result!;

        var reply = await game.LieAsync("Ann", offered.Suggestions[1].ToUpperInvariant()).OkAsync();

        Assert.Equal("""{"accepted":true,"lieForMe":true}""", Json.Text(reply.Result!));
        Assert.True((await game.StateAsync()).Lies[game.Id("Ann")].LieForMe);
        Assert.True((await game.BluffAsync("Ann")).You!.LieForMe);
        await game.SuggestAsync("Ann").RefusedAsync(ErrorCodes.AlreadySubmitted);

        // Bob writes the same words himself: the answer is shared, but only Ann's share is halved.
        // One round, so ×3: fooling Cy earns Bob 500 × 3 = 1500 and Ann 1500 ÷ 2 = 750.
        var guess = await game.LieAllAsync(("Bob", offered.Suggestions[1]), ("Cy", "a lie by Cy"));
        Assert.False(guess.Lies[game.Id("Bob")].LieForMe);
        var shared = guess.Answer(offered.Suggestions[1]);
        await game.GuessAsync("Ann", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Bob", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Cy", shared.Id).OkAsync();
        var reveal = await game.WaitForPhaseAsync(BluffPhases.Reveal);
        var step = reveal.Reveal.Single(s => s.AnswerId == shared.Id);
        Assert.Equal(750, step.Points.Single(p => p.PlayerId == game.Id("Ann")).Points);
        Assert.Equal(1500, step.Points.Single(p => p.PlayerId == game.Id("Bob")).Points);
    }

    [Fact]
    public async Task ALieForMeLieFoolingTwoPlayersEarnsHalfOfBoth()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { rounds = 1 }, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        var offered = (LieSuggestions)(await game.SuggestAsync("Ann").OkAsync()).Result!;
        var guess = await game.LieAllAsync(("Ann", offered.Suggestions[0]), ("Bob", "a lie by Bob"), ("Cy", "a lie by Cy"));

        await game.GuessAsync("Ann", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Bob", guess.Answer(offered.Suggestions[0]).Id).OkAsync();
        await game.GuessAsync("Cy", guess.Answer(offered.Suggestions[0]).Id).OkAsync();

        // One round, so ×3: Ann finds the truth (3000) and fools two players at 500 × 3 ÷ 2 = 750 each.
        var reveal = await game.WaitForPhaseAsync(BluffPhases.Reveal);
        Assert.Equal(3000 + 1500, reveal.Scores[game.Id("Ann")]);
    }
}
