using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Conformance;

public sealed class BluffConformanceTests() : CartridgeConformanceTests(new BluffConformance());

/// <summary>How the conformance kit plays Bluff and what each viewer must not see.</summary>
public sealed class BluffConformance : ConformanceDriver
{
    // Distinctive truths and decoys ("verity q1", "decoy q1 a"), so finding one in a payload is never a coincidence.
    private static readonly Lazy<PartyProtocol.Core.Content.QuestionLibrary<BluffQuestion>> Questions = new(() => new QuestionBankBuilder().WithQuestions(6).Build());

    public override string GameKey => BluffCartridge.GameKey;

    public override TestEngine CreateEngine() => new(Questions.Value);

    public override object ShortGame => new { rounds = 2, lieSeconds = 6, guessSeconds = 6, revealStepSeconds = 1, scoreboardSeconds = 2 };

    public override (string Move, object? Payload)? ValidMove(SessionView playerView) => playerView.State is BluffView { You: { CanSubmit: true } } bluff
        ? bluff.Phase switch
        {
            BluffPhases.Lie => ("submit_lie", new SubmitLie($"the lie of {playerView.You.Name}")),
            BluffPhases.Guess when bluff.Answers is { Count: > 0 } answers => ("submit_guess", new SubmitGuess(answers[0].Id)),
            _ => null,
        }
        : null;

    public override IEnumerable<(string Move, object? Payload)> AnyMoves(SessionView playerView, Random random)
    {
        var answers = (playerView.State as BluffView)?.Answers ?? [];
        var answer = answers.Count > 0 ? answers[random.Next(answers.Count)].Id : "a9-9";
        yield return ("submit_lie", new SubmitLie(random.Next(2) == 0 ? "" : new string('x', 70)));
        yield return ("submit_lie", new SubmitLie($"another lie {random.Next(100)}"));
        yield return ("suggest_lies", null);
        yield return ("submit_guess", new SubmitGuess(answer));
        yield return ("submit_guess", new SubmitGuess("no-such-answer"));
        yield return ("react", new React(answer, BluffCartridge.Emojis[random.Next(BluffCartridge.Emojis.Count)]));
        yield return ("react", new React(answer, "🦄"));
    }

    public override IEnumerable<string> Secrets(object state, Viewer viewer)
    {
        var bluff = (BluffState)state;
        var me = viewer.Kind == ViewerKind.Player ? viewer.PlayerId : null;
        var truthOut = bluff.Phase is BluffPhases.Scoreboard or BluffPhases.GameOver
            || (bluff.Phase == BluffPhases.Reveal && bluff.Revealed >= bluff.Reveal.Count);
        switch (bluff.Phase)
        {
            case BluffPhases.Lie:
                // The truth, everyone else's lie, and house lies offered to anyone else.
                yield return bluff.Question.Truth;
                foreach (var (author, lie) in bluff.Lies.Where(l => l.Key != me))
                {
                    yield return lie.Text;
                }

                var mine = me is null ? [] : bluff.Suggestions.GetValueOrDefault(me) ?? [];
                foreach (var decoy in bluff.Question.Decoys.Where(d => !mine.Contains(d)))
                {
                    yield return decoy;
                }

                break;
            case BluffPhases.Guess:
                // Which answer is the truth, and who wrote what.
                yield return "\"kind\"";
                yield return "\"authors\"";
                break;
            case BluffPhases.Reveal when !truthOut:
                yield return "\"truth\"";
                break;
        }
    }
}
