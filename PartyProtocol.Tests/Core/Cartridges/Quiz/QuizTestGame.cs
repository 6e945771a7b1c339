using System.Text.Json;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Cartridges.Quiz;

/// <summary>Quiz's steps for a <see cref="TestGame"/>, and engines with Quiz installed.</summary>
public static class QuizTestGame
{
    private static readonly Lazy<QuestionLibrary<QuizQuestion>> Shipped = new(() => QuizContent.Load());

    /// <summary>A test engine with Quiz installed beside Bluff, on the shipped questions or <paramref name="questions"/>.</summary>
    public static TestEngine Engine(QuestionLibrary<QuizQuestion>? questions = null, GameSessionOptions? options = null) =>
        new(options: options, moreGames: [new QuizCartridge(questions ?? Shipped.Value)]);

    /// <summary>A Quiz room with the given players seated.</summary>
    public static Task<TestGame> CreateQuizAsync(this TestEngine engine, object? settings = null, params string[] players) =>
        engine.CreateGameAsync(QuizCartridge.GameKey, settings, players);

    public static Task<Result<MoveReply>> AnswerAsync(this TestGame game, string player, int choice) =>
        game.MoveAsync(player, "answer", new QuizAnswerMove(choice));

    public static Task<QuizState> QuizStateAsync(this TestGame game) => game.StateOf<QuizState>();

    public static Task<QuizState> WaitForQuizAsync(this TestGame game, Func<QuizState, bool> condition, string what) =>
        game.WaitForAsync(condition, what, s => $"in '{s.Phase}' (question {s.Number} of {s.Total})");

    public static Task<QuizState> WaitForQuizPhaseAsync(this TestGame game, string phase, int? number = null) =>
        game.WaitForQuizAsync(s => s.Phase == phase && (number is null || s.Number == number), $"'{phase}'{(number is null ? "" : $" of question {number}")}");

    public static async Task<QuizView> QuizViewAsync(this TestGame game, string? player = null) => (QuizView)(await game.ViewAsync(player)).State!;

    /// <summary>The display index of the open question's correct choice (a secret: tests may look).</summary>
    public static async Task<int> CorrectAsync(this TestGame game) => (await game.QuizStateAsync()).Round.Correct;

    /// <summary>A display index that is wrong for the open question.</summary>
    public static async Task<int> WrongAsync(this TestGame game) => (await game.CorrectAsync() + 1) % (await game.QuizStateAsync()).Round.Choices.Count;
}

/// <summary>Builds Quiz's question library from built questions, through the real loader and lint.</summary>
public sealed class QuizPackBuilder
{
    private readonly List<(string Pack, QuizQuestion Question)> _questions = [];

    /// <summary>Adds <paramref name="count"/> questions in <paramref name="pack"/>, each with four unique choices, the first correct.</summary>
    public QuizPackBuilder WithQuestions(int count, string pack = "general", bool familyFriendly = true, int? timeLimitSeconds = null)
    {
        for (var i = 1; i <= count; i++)
        {
            var id = $"{pack}-{i}";
            _questions.Add((pack, new QuizQuestion(id, pack, $"{id.Replace("-", "", StringComparison.Ordinal)} wants {id.Replace("-", "", StringComparison.Ordinal)}x?", [$"right {id}", $"wrong {id} a", $"wrong {id} b", $"wrong {id} c"],
                0, familyFriendly, $"Test reference {id}", timeLimitSeconds)));
        }

        return this;
    }

    public QuestionLibrary<QuizQuestion> Build() => new(QuizQuestionFormat.Instance,
        [.. _questions.GroupBy(q => q.Pack).Select(g => ($"{g.Key}.json", JsonSerializer.Serialize(
            new QuestionPack<QuizQuestion>(g.Key, g.Key, "en", [.. g.Select(q => q.Question)]) { Game = QuizCartridge.GameKey }, GameJson.Options)))]);
}
