using System.Text.Json;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Cartridges.Bluff;

/// <summary>
/// Plays a whole game while recording every view (host, owner, spectator, each player) after every action and every
/// event as each viewer receives it, all serialised as clients get them, then checks each against what its viewer
/// may know at that moment.
/// </summary>
public sealed class ViewSecrecyTests
{
    private static readonly string[] Players = ["Ann", "Bob", "Cy", "Dee"];

    /// <summary>Names that would mark an answer as the truth (or give away who wrote or picked it).</summary>
    private static readonly string[] GuessPhaseMarks = ["kind", "truth", "authors", "pickers", "points", "feedback", "foundTruth", "alternates"];

    private enum Stage
    {
        Lobby,
        Lie,
        Guess,
        RevealBeforeTruth,
        TruthOut,
    }

    private sealed record Observation(string What, int Round, Stage Stage, string Viewer, string? PlayerId, JsonElement Json);

    [Fact]
    public async Task NoViewOrEventEverHoldsWhatItsViewerMayNotSee()
    {
        var bank = new QuestionBankBuilder();
        for (var round = 1; round <= 3; round++)
        {
            bank.With(new QuestionBuilder("secret" + round)
                .WithText(round switch
                {
                    1 => "The first puzzle hides the word <BLANK> in plain sight.",
                    2 => "Behind door two waits <BLANK>, quietly.",
                    _ => "Round three's riddle answer: <BLANK>.",
                })
                .WithTruth($"Hushword{round}", $"Hush Word {round}", $"Hushwords{round}"));
        }

        using var engine = new TestEngine(bank.Build());
        var game = await engine.CreateAsync(new { rounds = 3 }, Players);
        var observations = new List<Observation>();
        var truths = new Dictionary<int, (string Id, string[] Texts)>();
        var lies = new Dictionary<(int Round, string Player), string>();
        var suggestions = new Dictionary<int, IReadOnlyList<string>>();

        async Task Observe(string what)
        {
            var session = await engine.Store.GetAsync(game.Code);
            Assert.NotNull(session);
            var state = (BluffState?)session.State;
            var (round, stage) = state is null ? (0, Stage.Lobby) : (state.Round, StageOf(state));
            var views = new List<(string Viewer, string? PlayerId, SessionView View)>
            {
                ("host", null, await engine.Service.GetViewAsync(game.Code, (string?)null).OkAsync()),
                ("owner", null, await engine.Service.GetViewAsync(game.Code, game.OwnerToken).OkAsync()),
                ("spectator", null, await engine.Service.GetViewAsync(game.Code, Viewer.Spectator).OkAsync()),
            };
            foreach (var name in Players)
            {
                views.Add((name, game.Id(name), await engine.Service.GetViewAsync(game.Code, game.Token(name)).OkAsync()));
            }

            observations.AddRange(views.Select(v => new Observation($"view after {what}", round, stage, v.Viewer, v.PlayerId, Json.Of(v.View))));
        }

        async Task Lie(string player, int round, string text)
        {
            lies[(round, player)] = text;
            await game.LieAsync(player, text).OkAsync();
            await Observe($"{player}'s lie in round {round}");
        }

        await Observe("creating the session");
        await game.PlayAsync().OkAsync();
        for (var round = 1; round <= 3; round++)
        {
            if (round > 1)
            {
                engine.Time.Advance(TimeSpan.FromSeconds(8));
                await game.WaitForStateAsync(s => s.Round == round, $"round {round}");
            }

            var question = (await game.StateAsync()).Question;
            await Observe($"the start of round {round}");
            suggestions[round] = ((LieSuggestions)(await game.SuggestAsync("Bob").OkAsync()).Result!).Suggestions;
            await Observe($"Bob's suggestions in round {round}");
            await Lie("Ann", round, $"annfib{round}x");
            await Lie("Bob", round, round == 2 ? suggestions[round][0] : $"bobfib{round}x");
            if (round == 2)
            {
                await game.PauseAsync().OkAsync();
                await Observe("the pause");
                await game.PlayAsync().OkAsync();
            }

            await Lie("Cy", round, $"cyfib{round}x");
            switch (round)
            {
                case 1:
                    await Lie("Dee", round, $"deefib{round}x");
                    break;
                case 2:
                    // Dee drops out: once her reconnect grace is over, the round goes on without her lie.
                    await engine.Service.SetConnectedAsync(game.Code, game.Id("Dee"), connected: false).OkAsync();
                    engine.Time.Advance(new GameSessionOptions().ReconnectGrace);
                    break;
                default:
                    engine.Time.Advance(TimeSpan.FromSeconds(60));
                    break;
            }

            var guess = await game.WaitForPhaseAsync(BluffPhases.Guess);
            truths[round] = (guess.Truth().Id, [question.Truth, .. question.Alternates]);
            await Observe($"the mix of round {round}");
            await game.ReactAsync("Cy", guess.Answer($"annfib{round}x").Id, "😂").OkAsync();
            await Observe($"Cy's reaction in round {round}");
            await game.GuessAsync("Ann", guess.Truth().Id).OkAsync();
            await Observe($"Ann's guess in round {round}");
            await game.GuessAsync("Bob", guess.Answer($"annfib{round}x").Id).OkAsync();
            await Observe($"Bob's guess in round {round}");
            if (round == 1)
            {
                await game.GuessAsync("Dee", guess.Answer("cyfib1x").Id).OkAsync();
                await Observe("Dee's guess in round 1");
            }
            else if (round == 2)
            {
                await engine.Service.SetConnectedAsync(game.Code, game.Id("Dee"), connected: true).OkAsync();
                await Observe("Dee's return in round 2");
            }

            await game.GuessAsync("Cy", guess.Answer(lies[(round, "Bob")]).Id).OkAsync();
            await Observe($"Cy's guess in round {round}");
            if (round != 1)
            {
                engine.Time.Advance(TimeSpan.FromSeconds(30));
            }

            var reveal = await game.WaitForPhaseAsync(BluffPhases.Reveal);
            await Observe($"reveal step 1 of round {round}");
            for (var shown = 2; shown <= reveal.Reveal.Count + 1; shown++)
            {
                engine.Time.Advance(TimeSpan.FromSeconds(4));
                var expected = shown;
                await game.WaitForStateAsync(s => s.Revealed >= expected || s.Phase == BluffPhases.Scoreboard, $"reveal step {shown}");
                await Observe($"reveal step {shown} of round {round}");
            }

            Assert.Equal(BluffPhases.Scoreboard, (await game.StateAsync()).Phase);
        }

        engine.Time.Advance(TimeSpan.FromSeconds(8));
        await game.WaitForPhaseAsync(BluffPhases.GameOver);
        await Observe("game over");
        observations.AddRange(EventObservations(engine, game));

        var tokens = game.Players.Values.Select(p => p.PlayerToken).Append(game.OwnerToken).ToList();
        foreach (var seen in observations)
        {
            var strings = Strings(seen.Json).ToList();
            bool Holds(string text) => strings.Any(s => s.Contains(text, StringComparison.OrdinalIgnoreCase));
            var context = $"{seen.What}, seen by {seen.Viewer}";

            Assert.False(tokens.Any(Holds), $"A token leaked in the {context}.");
            foreach (var (round, truth) in truths)
            {
                if (seen.Round < round || (seen.Round == round && seen.Stage is Stage.Lobby or Stage.Lie))
                {
                    Assert.False(truth.Texts.Any(Holds), $"The truth of round {round} leaked in the {context}.");
                }
            }

            if (seen.Stage == Stage.Lie)
            {
                foreach (var ((round, author), lie) in lies.Where(l => l.Key.Round == seen.Round && game.Id(l.Key.Player) != seen.PlayerId))
                {
                    Assert.False(Holds(lie), $"{author}'s lie of round {round} leaked before the guess phase in the {context}.");
                }

                if (seen.Viewer != "Bob")
                {
                    Assert.False(suggestions[seen.Round].Any(Holds), $"Bob's suggestions leaked in the {context}.");
                }
            }

            if (seen.Stage == Stage.Guess)
            {
                var marks = PropertyNames(seen.Json).Intersect(GuessPhaseMarks).ToList();
                Assert.True(marks.Count == 0, $"The {context} marks answers during the guess phase with: {string.Join(", ", marks)}.");
            }

            if (seen.Stage == Stage.RevealBeforeTruth)
            {
                Assert.DoesNotContain("truth", KindValues(seen.Json));
                Assert.DoesNotContain(truths[seen.Round].Id, KindedAnswerIds(seen.Json));
                Assert.False(PropertyNames(seen.Json).Any(n => n is "feedback" or "foundTruth"), $"The {context} gives feedback before the truth.");
            }
        }

        // The checks above could only pass vacuously if nothing was recorded or the detectors were blind: they are not.
        Assert.All(Enum.GetValues<Stage>(), stage => Assert.Contains(observations, o => o.Stage == stage && o.Viewer == "Cy"));
        Assert.Contains(observations, o => o.Stage == Stage.Lie && o.Viewer == "Ann" && Strings(o.Json).Contains($"annfib{o.Round}x"));
        Assert.Contains(observations, o => o.Stage == Stage.Lie && o.Viewer == "Bob" && Strings(o.Json).Contains(suggestions[o.Round][1]));
        Assert.Contains(observations, o => o.Stage == Stage.Guess && o.Viewer == "host" && Strings(o.Json).Contains(truths[o.Round].Texts[0]));
        Assert.Contains(observations, o => o.Stage == Stage.TruthOut && o.Viewer == "spectator" && KindValues(o.Json).Contains("truth"));
        Assert.Contains(observations, o => o.Stage == Stage.RevealBeforeTruth && o.Viewer == "Cy" && KindValues(o.Json).Contains("lie"));
    }

    private static Stage StageOf(BluffState state) => state.Phase switch
    {
        BluffPhases.Lie => Stage.Lie,
        BluffPhases.Guess => Stage.Guess,
        BluffPhases.Reveal when state.Revealed < state.Reveal.Count => Stage.RevealBeforeTruth,
        _ => Stage.TruthOut,
    };

    /// <summary>Every event, as each viewer receives it, with the stage of the game it belongs to.</summary>
    private static IEnumerable<Observation> EventObservations(TestEngine engine, TestGame game)
    {
        var viewers = new List<(string Name, string? PlayerId, Viewer Viewer)> { ("host", null, Viewer.Host), ("spectator", null, Viewer.Spectator) };
        viewers.AddRange(Players.Select(name => (name, (string?)game.Id(name), Viewer.Player(game.Id(name)))));
        var (round, stage) = (0, Stage.Lobby);
        foreach (var gameEvent in engine.EventsOf(game.Code))
        {
            (round, stage) = gameEvent.Type switch
            {
                BluffEvents.LieStarted => (Json.Of(gameEvent.Data).GetProperty("round").GetInt32(), Stage.Lie),
                BluffEvents.GuessStarted => (round, Stage.Guess),
                BluffEvents.ScoresCalculated => (round, Stage.RevealBeforeTruth),
                BluffEvents.RevealStep when ((RevealStep)gameEvent.Data).Kind == AnswerKind.Truth => (round, Stage.TruthOut),
                BluffEvents.Scoreboard or BluffEvents.GameOver => (round, Stage.TruthOut),
                _ => (round, stage),
            };
            foreach (var (name, playerId, viewer) in viewers)
            {
                yield return new Observation($"event #{gameEvent.Seq} {gameEvent.Type}", round, stage, name, playerId, Json.Of(gameEvent.For(viewer)));
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };

    private static IEnumerable<string> PropertyNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => PropertyNames(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(PropertyNames),
        _ => [],
    };

    private static IEnumerable<JsonElement> Objects(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Objects(p.Value)).Prepend(element),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Objects),
        _ => [],
    };

    /// <summary>The values of every <c>kind</c> property: what a revealed answer turned out to be.</summary>
    private static List<string> KindValues(JsonElement element) =>
        Objects(element).Where(o => o.TryGetProperty("kind", out _)).Select(o => o.GetProperty("kind").GetString()!).ToList();

    /// <summary>The ids of answers whose kind is given away.</summary>
    private static List<string> KindedAnswerIds(JsonElement element) =>
        Objects(element).Where(o => o.TryGetProperty("kind", out _) && o.TryGetProperty("answerId", out _))
            .Select(o => o.GetProperty("answerId").GetString()!).ToList();
}
