using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Cartridges.Bluff;

public sealed class ReactionTests
{
    private static async Task<(TestGame Game, BluffState Guess)> GuessPhaseAsync(TestEngine engine)
    {
        var game = await engine.CreateAsync(null, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        var guess = await game.LieAllAsync(("Ann", "ann lie"), ("Bob", "bob lie"), ("Cy", "cy lie"));
        return (game, guess);
    }

    [Fact]
    public async Task EachOfTheFiveEmojisMayBeUsedOnceOnAnAnswer()
    {
        using var engine = new TestEngine();
        var (game, guess) = await GuessPhaseAsync(engine);
        var target = guess.Answer("ann lie").Id;

        foreach (var emoji in BluffCartridge.Emojis)
        {
            await game.ReactAsync("Bob", target, emoji).OkAsync();
        }

        Assert.Equal(new[] { "😂", "😮", "🤔", "👍", "❤️" }, BluffCartridge.Emojis);
        var answer = (await game.BluffAsync()).Answers!.Single(a => a.Id == target);
        Assert.All(BluffCartridge.Emojis, e => Assert.Equal(1, answer.Reactions[e]));
    }

    [Theory]
    [InlineData("💩")]
    [InlineData("😀")]
    [InlineData("")]
    [InlineData(":joy:")]
    [InlineData("😂😂")]
    public async Task AnEmojiOutsideTheFiveIsRefused(string emoji)
    {
        using var engine = new TestEngine();
        var (game, guess) = await GuessPhaseAsync(engine);

        var error = await game.ReactAsync("Bob", guess.Answer("ann lie").Id, emoji).RefusedAsync(ErrorCodes.InvalidInput);

        Assert.Equal(new[] { "emoji" }, error.Errors!.Keys);
        Assert.Empty((await game.StateAsync()).Reactions);
    }

    [Fact]
    public async Task ReactingTwiceWithTheSameEmojiToTheSameAnswerIsRefused()
    {
        using var engine = new TestEngine();
        var (game, guess) = await GuessPhaseAsync(engine);
        var ann = guess.Answer("ann lie").Id;
        await game.ReactAsync("Bob", ann, "😂").OkAsync();

        await game.ReactAsync("Bob", ann, "😂").RefusedAsync(BluffErrors.AlreadyReacted);
        await game.ReactAsync("Bob", ann, "❤️").OkAsync();
        await game.ReactAsync("Bob", guess.Truth().Id, "😂").OkAsync();
        await game.ReactAsync("Cy", ann, "😂").OkAsync();

        var counts = (await game.BluffAsync()).Answers!.Single(a => a.Id == ann).Reactions;
        Assert.Equal((2, 1), (counts["😂"], counts["❤️"]));
    }

    [Fact]
    public async Task ReactingToOnesOwnLieOrAnUnknownAnswerIsRefused()
    {
        using var engine = new TestEngine();
        var (game, guess) = await GuessPhaseAsync(engine);

        await game.ReactAsync("Ann", guess.Answer("ann lie").Id, "😂").RefusedAsync(BluffErrors.OwnLie);
        await game.ReactAsync("Ann", "a1-99", "😂").RefusedAsync(BluffErrors.UnknownAnswer);
    }

    [Fact]
    public async Task ReactionsAreOpenOnlyDuringTheGuessPhaseAndStayOpenAfterGuessing()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        await game.ReactAsync("Ann", "a1-1", "😂").RefusedAsync(ErrorCodes.WrongPhase);
        var guess = await game.LieAllAsync(("Ann", "ann lie"), ("Bob", "bob lie"), ("Cy", "cy lie"));

        await game.GuessAsync("Bob", guess.Truth().Id).OkAsync();
        await game.ReactAsync("Bob", guess.Answer("ann lie").Id, "😂").OkAsync();
        await game.GuessAsync("Ann", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Cy", guess.Truth().Id).OkAsync();

        await game.WaitForPhaseAsync(BluffPhases.Reveal);
        await game.ReactAsync("Cy", guess.Answer("ann lie").Id, "😂").RefusedAsync(ErrorCodes.WrongPhase);
    }

    [Fact]
    public async Task EveryoneSeesTheCountsButNobodySeesWhoReacted()
    {
        using var engine = new TestEngine();
        var (game, guess) = await GuessPhaseAsync(engine);
        var target = guess.Answer("ann lie").Id;
        var seq = (await game.ViewAsync()).Seq;

        await game.ReactAsync("Bob", target, "😂").OkAsync();

        var reacted = Assert.Single(engine.EventsOf(game.Code), e => e.Seq > seq);
        Assert.Equal(BluffEvents.ReactionUpdated, reacted.Type);
        var viewers = new[] { Viewer.Host, Viewer.Spectator }.Concat(game.Players.Values.Select(p => Viewer.Player(p.PlayerId)));
        foreach (var viewer in viewers)
        {
            var payload = Json.Text(reacted.For(viewer).Data);
            Assert.Equal(1, Json.Of(reacted.For(viewer).Data).GetProperty("counts").GetProperty("😂").GetInt32());
            Assert.DoesNotContain(game.Id("Bob"), payload, StringComparison.Ordinal);
            Assert.DoesNotContain("Bob", payload, StringComparison.Ordinal);
        }

        // Views: counts for all; only Bob's own view says he used 😂, and no answer names anyone. (Ann's own lie is
        // not on her screen at all during the guess phase.)
        Assert.DoesNotContain((await game.BluffAsync("Ann")).Answers!, a => a.Id == target);
        foreach (var viewer in new string?[] { null, "Bob", "Cy" })
        {
            var answers = (await game.BluffAsync(viewer)).Answers!;
            var json = Json.Text(answers);
            Assert.DoesNotContain(game.Id("Bob"), json, StringComparison.Ordinal);
            Assert.DoesNotContain("Bob", json, StringComparison.Ordinal);
            var answer = answers.Single(a => a.Id == target);
            Assert.Equal(1, answer.Reactions["😂"]);
            IReadOnlyList<string>? mine = viewer switch { "Bob" => ["😂"], null => null, _ => [] };
            Assert.Equal(mine, answer.MyReactions);
        }

        var spectator = (BluffView)(await engine.Service.GetViewAsync(game.Code, Viewer.Spectator).OkAsync()).State!;
        Assert.DoesNotContain(game.Id("Bob"), Json.Text(spectator.Answers!), StringComparison.Ordinal);
    }
}
