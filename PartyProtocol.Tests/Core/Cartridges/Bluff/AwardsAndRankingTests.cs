using System.Collections.Immutable;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Play;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Cartridges.Bluff;

public sealed class AwardsAndRankingTests
{
    [Fact]
    public async Task AGameHandsOutSixAwardsThreeOfThemFromReactions()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { rounds = 1 }, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        var guess = await game.LieAllAsync(("Ann", "ann lie"), ("Bob", "bob lie"), ("Cy", "cy lie"));
        await game.ReactAsync("Bob", guess.Answer("ann lie").Id, "😂").OkAsync();
        await game.ReactAsync("Cy", guess.Answer("ann lie").Id, "😂").OkAsync();
        await game.ReactAsync("Cy", guess.Answer("bob lie").Id, "❤️").OkAsync();
        await game.ReactAsync("Ann", guess.Answer("cy lie").Id, "👍").OkAsync();
        await game.GuessAsync("Ann", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Bob", guess.Answer("ann lie").Id).OkAsync();
        await game.GuessAsync("Cy", guess.Answer("ann lie").Id).OkAsync();

        var final = (await PlayToGameOverAsync(game)).Final!;

        Assert.Equal(new[]
        {
            ("master_detective", "Ann", 1),
            ("best_liar", "Ann", 2),
            ("gullible", "Bob, Cy", 1),
            ("funniest_lie", "Ann", 2),
            ("crowd_favourite", "Ann", 2),
            ("sweetheart", "Bob", 1),
        }, final.Awards.Select(a => (a.Key, Winners(a), a.Value)));
        Assert.All(final.Awards, a => Assert.False(string.IsNullOrWhiteSpace(a.Title)));
        // A single round scores ×3: Ann finds the truth (3000) and fools two players (2 × 1500).
        Assert.Equal(new[] { (1, "Ann", 6000), (2, "Bob", 0), (2, "Cy", 0) }, final.Rankings.Select(r => (r.Rank, r.Name, r.Score)));
    }

    [Fact]
    public async Task AnAwardNobodyEarnedIsLeftOutAndTiesShareAwardsAndRanks()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { rounds = 1 }, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        var guess = await game.LieAllAsync(("Ann", "same lie"), ("Bob", "SAME LIE"), ("Cy", "cy lie"));
        await game.GuessAsync("Ann", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Bob", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Cy", guess.Answers.Single(a => a.Kind == AnswerKind.House).Id).OkAsync();

        var final = (await PlayToGameOverAsync(game)).Final!;

        // Nobody was fooled by a player and nobody reacted: those four awards are missing rather than shared at 0.
        Assert.Equal(new[] { ("master_detective", "Ann, Bob", 1), ("gullible", "Cy", 1) }, final.Awards.Select(a => (a.Key, Winners(a), a.Value)));
        Assert.Equal(new[] { (1, "Ann", 3000), (1, "Bob", 3000), (3, "Cy", 0) }, final.Rankings.Select(r => (r.Rank, r.Name, r.Score)));
        var view = await game.BluffAsync("Cy");
        Assert.Equal(Json.Text(final), Json.Text(view.Final!));
        Assert.Equal((3, 0), (view.You!.Rank, view.You.Score));
    }

    [Fact]
    public void TiedScoresShareARankAndTheNextRankSkips()
    {
        var players = new[] { "p1", "p2", "p3", "p4", "p5" }.Select(id => new PlayerInfo(id, id.ToUpperInvariant(), true)).ToList();
        var scores = new Dictionary<string, int> { ["p1"] = 300, ["p2"] = 300, ["p3"] = 100, ["p4"] = 100, ["p5"] = 0 };

        var ranks = Ranking.Ranks(scores, players);

        Assert.Equal(new[] { 1, 1, 3, 3, 5 }, players.Select(p => ranks[p.Id]));
    }

    [Fact]
    public void WithoutAnyTalliesThereAreNoAwards()
    {
        var players = new[] { new PlayerInfo("p1", "Ann", true), new PlayerInfo("p2", "Bob", true) };

        Assert.Empty(BluffScoring.Awards(ImmutableDictionary<string, BluffStats>.Empty, players));
        Assert.Empty(BluffScoring.Awards(new Dictionary<string, BluffStats> { ["p1"] = new(), ["p2"] = new() }, players));
    }

    [Fact]
    public void EveryAwardGoesToTheBestAndTiesShareIt()
    {
        var players = new[] { new PlayerInfo("p1", "Ann", true), new PlayerInfo("p2", "Bob", true), new PlayerInfo("p3", "Cy", true) };
        var stats = new Dictionary<string, BluffStats>
        {
            ["p1"] = new(TruthsFound: 2, PlayersFooled: 1, LiesPicked: 0, ReactionsReceived: 4, BestLaughs: 3, HeartsReceived: 1),
            ["p2"] = new(TruthsFound: 2, PlayersFooled: 3, LiesPicked: 1, ReactionsReceived: 4, BestLaughs: 1, HeartsReceived: 0),
            ["p3"] = new(TruthsFound: 0, PlayersFooled: 0, LiesPicked: 3, ReactionsReceived: 0, BestLaughs: 0, HeartsReceived: 0),
        };

        var awards = BluffScoring.Awards(stats, players);

        Assert.Equal(new[]
        {
            ("master_detective", "Ann, Bob", 2),
            ("best_liar", "Bob", 3),
            ("gullible", "Cy", 3),
            ("funniest_lie", "Ann", 3),
            ("crowd_favourite", "Ann, Bob", 4),
            ("sweetheart", "Ann", 1),
        }, awards.Select(a => (a.Key, Winners(a), a.Value)));
    }

    private static string Winners(Award award) => string.Join(", ", award.Winners.Select(w => w.Name).Order(StringComparer.Ordinal));

    private static async Task<BluffState> PlayToGameOverAsync(TestGame game) =>
        await game.AdvanceUntilAsync(s => s.Phase == BluffPhases.GameOver, TimeSpan.FromSeconds(1), "game over");
}
