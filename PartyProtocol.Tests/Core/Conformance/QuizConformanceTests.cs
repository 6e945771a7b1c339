using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Core.Cartridges.Quiz;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Conformance;

public sealed class QuizConformanceTests() : CartridgeConformanceTests(new QuizConformance());

/// <summary>How the conformance kit plays Quiz and what each viewer must not see.</summary>
public sealed class QuizConformance : ConformanceDriver
{
    public override string GameKey => QuizCartridge.GameKey;

    public override TestEngine CreateEngine() => QuizTestGame.Engine();

    public override object ShortGame => new { questions = 5, secondsPerQuestion = 5, leaderboard = "every_2" };

    public override (string Move, object? Payload)? ValidMove(SessionView playerView) =>
        playerView.State is QuizView { Phase: QuizPhases.Question, You.CanAnswer: true } ? ("answer", new QuizAnswerMove(0)) : null;

    public override IEnumerable<(string Move, object? Payload)> AnyMoves(SessionView playerView, Random random)
    {
        yield return ("answer", new QuizAnswerMove(random.Next(-1, 6)));
        yield return ("next", null);
    }

    public override IEnumerable<string> Secrets(object state, Viewer viewer)
    {
        var quiz = (QuizState)state;
        if (quiz.Phase == QuizPhases.Question)
        {
            // Which choice is right, and what anyone picked, stay on the server while the question is open.
            yield return "\"correct\"";
            yield return "\"counts\"";
            yield return "\"outcomes\"";
        }
    }
}
