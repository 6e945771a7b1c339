using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core;

public sealed class SmokeGameTests
{
    [Fact]
    public async Task AThreePlayerGamePlaysFromLobbyToGameOver()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { rounds = 3 }, "Ann", "Bob", "Cy");
        Assert.True((await game.PlayAsync()).IsSuccess);
        for (var round = 1; round <= 3; round++)
        {
            var state = await game.StateAsync();
            Assert.Equal(BluffPhases.Lie, state.Phase);
            Assert.True((await game.LieAsync("Ann", "ann lie " + round)).IsSuccess);
            Assert.True((await game.LieAsync("Bob", "bob lie " + round)).IsSuccess);
            Assert.True((await game.LieAsync("Cy", "cy lie " + round)).IsSuccess);
            Assert.Equal(BluffPhases.Guess, (await game.StateAsync()).Phase);
            var truth = await game.TruthIdAsync();
            Assert.True((await game.GuessAsync("Ann", truth)).IsSuccess);
            Assert.True((await game.GuessAsync("Bob", await game.AnswerIdAsync("ann lie " + round))).IsSuccess);
            Assert.True((await game.GuessAsync("Cy", truth)).IsSuccess);
            Assert.Equal(BluffPhases.Reveal, (await game.StateAsync()).Phase);
            while ((await game.StateAsync()).Phase == BluffPhases.Reveal)
            {
                engine.Time.Advance(TimeSpan.FromSeconds(4));
            }

            Assert.Equal(BluffPhases.Scoreboard, (await game.StateAsync()).Phase);
            engine.Time.Advance(TimeSpan.FromSeconds(8));
        }

        var final = await game.StateAsync();
        Assert.Equal(BluffPhases.GameOver, final.Phase);
        // ×1 ×2 ×3: Ann finds the truth (1000m) and fools Bob (500m) each round; Cy finds the truth.
        Assert.Equal(1500 * 6, final.Scores[game.Id("Ann")]);
        Assert.Equal(0, final.Scores[game.Id("Bob")]);
        Assert.Equal(1000 * 6, final.Scores[game.Id("Cy")]);
        var seqs = engine.EventsOf(game.Code).Select(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
    }
}
