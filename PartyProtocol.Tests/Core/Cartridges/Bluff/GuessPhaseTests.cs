using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Cartridges.Bluff;

public sealed class GuessPhaseTests
{
    private static readonly string[] Names = ["Ann", "Bob", "Cy", "Dee", "Eve"];

    [Theory]
    [InlineData(3, new[] { "red", "green", "blue" }, 0)]
    [InlineData(5, new[] { "red", "green", "blue", "cyan", "pink" }, 0)]
    [InlineData(3, new[] { "red", "green" }, 1)]
    [InlineData(3, new[] { "red" }, 2)]
    [InlineData(2, new string[0], 2)]
    [InlineData(4, new[] { "red", "RED", "Red!", "red." }, 3)]
    [InlineData(3, new[] { "red", "decoy q1 a", "blue" }, 0)]
    [InlineData(3, new[] { "decoy q1 a", "DECOY Q1 A" }, 2)]
    public async Task TheAnswersAreExactlyPlayersPlusOneWithHouseDecoysOnlyWhenNeeded(int players, string[] lies, int houseDecoys)
    {
        using var engine = new TestEngine(new QuestionBankBuilder().WithQuestions(1).Build());
        var game = await engine.CreateAsync(new { rounds = 1 }, Names[..players]);
        await game.PlayAsync().OkAsync();
        for (var i = 0; i < lies.Length; i++)
        {
            await game.LieAsync(Names[i], lies[i]).OkAsync();
        }

        if (lies.Length < players)
        {
            engine.Time.Advance(TimeSpan.FromSeconds(60));
        }

        var guess = await game.WaitForPhaseAsync(BluffPhases.Guess);

        Assert.Equal(players + 1, guess.Answers.Count);
        Assert.Equal(houseDecoys, guess.Answers.Count(a => a.Kind == AnswerKind.House));
        Assert.Single(guess.Answers, a => a.Kind == AnswerKind.Truth);
        Assert.Equal(guess.Answers.Count, guess.Answers.Select(a => AnswerText.Key(a.Text)).Distinct().Count());
        Assert.Equal(players + 1, guess.Answers.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public async Task TheShuffledOrderIsReproducibleForTheSameSeed()
    {
        for (var seed = 1; seed <= 5; seed++)
        {
            var first = await DealAsync(seed);
            var second = await DealAsync(seed);

            Assert.Equal(first, second);
        }
    }

    [Fact]
    public async Task DifferentSeedsShuffleTheAnswersDifferently()
    {
        var truthPositions = new HashSet<int>();
        for (var seed = 1; seed <= 20; seed++)
        {
            var dealt = await DealAsync(seed);
            truthPositions.Add(dealt.IndexOf("verity q1"));
        }

        // Five answers over twenty seeds: the truth landing in the same place every time would be a 1 in 5^19 fluke.
        Assert.True(truthPositions.Count > 1);
    }

    [Fact]
    public async Task PickingOnesOwnLieIsRefusedAndItIsNotOfferedToItsAuthor()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        var guess = await game.LieAllAsync(("Ann", "ann's lie"), ("Bob", "shared lie"), ("Cy", "Shared Lie!"));
        var annsLie = guess.Answer("ann's lie");
        var shared = guess.Answer("shared lie");

        await game.GuessAsync("Ann", annsLie.Id).RefusedAsync(BluffErrors.OwnLie);
        await game.GuessAsync("Bob", shared.Id).RefusedAsync(BluffErrors.OwnLie);
        await game.GuessAsync("Cy", shared.Id).RefusedAsync(BluffErrors.OwnLie);
        Assert.Empty((await game.StateAsync()).Guesses);

        Assert.DoesNotContain((await game.BluffAsync("Ann")).Answers!, a => a.Id == annsLie.Id);
        Assert.DoesNotContain((await game.BluffAsync("Bob")).Answers!, a => a.Id == shared.Id);
        Assert.DoesNotContain((await game.BluffAsync("Cy")).Answers!, a => a.Id == shared.Id);
        Assert.Equal(4, (await game.BluffAsync()).Answers!.Count);
        Assert.Equal(3, (await game.BluffAsync("Ann")).Answers!.Count);

        var started = engine.EventsOf(game.Code).Single(e => e.Type == BluffEvents.GuessStarted);
        Assert.DoesNotContain("ann's lie", Json.Text(started.For(Viewer.Player(game.Id("Ann")))), StringComparison.Ordinal);
        Assert.DoesNotContain("shared lie", Json.Text(started.For(Viewer.Player(game.Id("Bob")))), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ann's lie", Json.Text(started.For(Viewer.Player(game.Id("Bob")))), StringComparison.Ordinal);
        Assert.Contains("ann's lie", Json.Text(started.For(Viewer.Host)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerThatIsNotInTheRoundIsRefused()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        await game.LieAllAsync(("Ann", "ann's lie"), ("Bob", "bob's lie"));

        var error = await game.GuessAsync("Ann", "a9-9").RefusedAsync(BluffErrors.UnknownAnswer);

        Assert.Equal(new[] { "answerId" }, error.Errors!.Keys);
        Assert.Empty((await game.StateAsync()).Guesses);
    }

    [Fact]
    public async Task ASecondGuessIsRefusedAndTheFirstStands()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        var guess = await game.LieAllAsync(("Ann", "ann's lie"), ("Bob", "bob's lie"), ("Cy", "cy's lie"));

        await game.GuessAsync("Ann", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Ann", guess.Answer("bob's lie").Id).RefusedAsync(ErrorCodes.AlreadySubmitted);

        Assert.Equal(guess.Truth().Id, (await game.StateAsync()).Guesses[game.Id("Ann")]);
        Assert.Equal(guess.Truth().Id, (await game.BluffAsync("Ann")).You!.GuessId);
        Assert.False((await game.BluffAsync("Ann")).You!.CanSubmit);
    }

    [Fact]
    public async Task GuessesAreOnlyTakenInTheGuessPhase()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        await game.GuessAsync("Ann", "a1-1").RefusedAsync(ErrorCodes.WrongPhase);
        var guess = await game.LieAllAsync(("Ann", "ann's lie"), ("Bob", "bob's lie"));
        await game.LieAsync("Ann", "a late lie").RefusedAsync(ErrorCodes.WrongPhase);
        await game.SuggestAsync("Ann").RefusedAsync(ErrorCodes.WrongPhase);
        Assert.Equal(BluffPhases.Guess, guess.Phase);
    }

    /// <summary>Deals one round on a fresh engine with a fixed seed and returns the answers' texts in screen order.</summary>
    private static async Task<List<string>> DealAsync(int seed)
    {
        using var engine = new TestEngine(new QuestionBankBuilder().WithQuestions(1).Build());
        var game = await engine.CreateAsync(new { rounds = 1 }, "Ann", "Bob", "Cy", "Dee");
        await game.ReseedAsync(seed);
        await game.PlayAsync().OkAsync();
        var guess = await game.LieAllAsync(("Ann", "a lie by Ann"), ("Bob", "a lie by Bob"), ("Cy", "a lie by Cy"), ("Dee", "A LIE BY ANN"));
        return guess.Answers.Select(a => a.Text).ToList();
    }
}
