using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using PartyProtocol.Bench.Clients;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Cartridges.Quiz;

namespace PartyProtocol.Bench.Load;

/// <summary>
/// One bot: it acts only on the events it receives (nothing is polled). On <c>phase.lie_started</c> it writes a lie
/// — or asks "lie for me" and submits a suggestion — after a random think time within the phase; on
/// <c>phase.guess_started</c> it may react to an answer and then picks one from its own payload (which never holds
/// its own lie). In Quiz it taps a choice on <c>phase.question_started</c>. Now and then it lets a phase run out, so
/// deadlines end those phases too.
/// </summary>
public sealed class BotPlayer(RestClient rest, BenchOptions options, Uri server, string code, string token, int seed, CancellationToken cancellationToken)
{
    private static readonly string[] Words = ["copper", "velvet", "thunder", "pickle", "lantern", "marble", "cactus", "harbor", "walrus", "saffron"];
    private static readonly string[] Refusals = [Core.Engine.ErrorCodes.WrongPhase];

    private readonly Random _random = new(seed);
    private readonly Lock _randomGate = new();
    private readonly ConcurrentBag<Task> _actions = [];

    public string Token => token;

    public void OnEvent(ReceivedEvent received)
    {
        switch (received.Type)
        {
            case BluffEvents.LieStarted:
                _actions.Add(LieAsync(received));
                break;
            case BluffEvents.GuessStarted:
                _actions.Add(GuessAsync(received));
                break;
            case QuizEvents.QuestionStarted:
                _actions.Add(AnswerAsync(received));
                break;
        }
    }

    /// <summary>Completes when every action the bot started has finished (each is bounded by its phase and the HTTP timeout).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_actions);

    private async Task LieAsync(ReceivedEvent started)
    {
        var deadline = started.DataTime("deadline") ?? started.At + TimeSpan.FromSeconds(options.LieSeconds);
        if (Chance(options.SkipRate) || ThinkTime(deadline, 0.1, 0.8) is not { } think)
        {
            return;
        }

        try
        {
            await Task.Delay(think, cancellationToken);
            var text = RandomLie();
            if (Chance(options.LieForMeRate))
            {
                var offered = await rest.SendAsync("lie for me", HttpMethod.Post, Route("lies/suggestions"), token, null, cancellationToken, Refusals);
                if (offered is not { } reply)
                {
                    return;
                }

                if (reply.TryGetProperty("result", out var result) && result.TryGetProperty("suggestions", out var suggestions)
                    && suggestions.ValueKind == JsonValueKind.Array && suggestions.GetArrayLength() > 0)
                {
                    text = suggestions[Pick(suggestions.GetArrayLength())].GetString() ?? text;
                }
            }

            await rest.SendAsync("lie", HttpMethod.Post, Route("lies"), token, new SubmitLie(text), cancellationToken, Refusals);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The game was abandoned (timeout or shutdown); its failure is recorded there.
        }
    }

    private async Task GuessAsync(ReceivedEvent started)
    {
        var deadline = started.DataTime("deadline") ?? started.At + TimeSpan.FromSeconds(options.GuessSeconds);
        var answers = AnswerIds(started.Data);
        if (answers.Count == 0 || Chance(options.SkipRate) || ThinkTime(deadline, 0.1, 0.8) is not { } think)
        {
            return;
        }

        try
        {
            if (Chance(options.ReactRate))
            {
                // React first: the guess phase cannot end early while this bot has not guessed, so the reaction is in time.
                var reactAfter = think * Next(0.2, 0.8);
                await Task.Delay(reactAfter, cancellationToken);
                think -= reactAfter;
                var emoji = BluffCartridge.Emojis[Pick(BluffCartridge.Emojis.Count)];
                await rest.SendAsync("react", HttpMethod.Post, Route("reactions"), token, new React(answers[Pick(answers.Count)], emoji),
                    cancellationToken, Refusals);
            }

            await Task.Delay(think, cancellationToken);
            await rest.SendAsync("guess", HttpMethod.Post, Route("guesses"), token, new SubmitGuess(answers[Pick(answers.Count)]),
                cancellationToken, Refusals);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // As above.
        }
    }

    /// <summary>Quiz: taps one of the question's choices after a think time (sooner scores more, so bots are quick).</summary>
    private async Task AnswerAsync(ReceivedEvent started)
    {
        var deadline = started.DataTime("deadline") ?? started.At + TimeSpan.FromSeconds(options.QuestionSeconds);
        var choices = started.Data.ValueKind == JsonValueKind.Object && started.Data.TryGetProperty("choices", out var list)
            && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0;
        if (choices == 0 || Chance(options.SkipRate) || ThinkTime(deadline, 0.1, 0.8) is not { } think)
        {
            return;
        }

        try
        {
            await Task.Delay(think, cancellationToken);
            await rest.SendAsync("answer", HttpMethod.Post, Route("answers"), token, new QuizAnswerMove(Pick(choices)), cancellationToken, Refusals);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // As above.
        }
    }

    private static List<string> AnswerIds(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("answers", out var answers) && answers.ValueKind == JsonValueKind.Array
            ? answers.EnumerateArray()
                .Select(a => a.TryGetProperty("id", out var id) ? id.GetString() : null)
                .OfType<string>()
                .ToList()
            : [];

    private TimeSpan? ThinkTime(DateTimeOffset deadline, double from, double to)
    {
        var remaining = deadline - DateTimeOffset.UtcNow;
        return remaining <= TimeSpan.Zero ? null : remaining * Next(from, to);
    }

    private Uri Route(string route) => new(server, $"api/sessions/{code}/{route}");

    // The rooms are family-friendly, and the filter reads digits as letters ("7175" is a rude word): a lie that would
    // trip it is drawn again, so a refusal in a run is the server's, never the bot's spelling.
    private string RandomLie()
    {
        while (true)
        {
            var lie = string.Create(CultureInfo.InvariantCulture,
                $"the {Words[Pick(Words.Length)]} {Words[Pick(Words.Length)]} of {Pick(9000) + 1000}");
            if (!Core.Moderation.ProfanityFilter.Default.IsProfane(lie))
            {
                return lie;
            }
        }
    }

    private bool Chance(double rate) => rate > 0 && Next(0, 1) < rate;

    private double Next(double from, double to)
    {
        lock (_randomGate)
        {
            return from + (_random.NextDouble() * (to - from));
        }
    }

    private int Pick(int count)
    {
        lock (_randomGate)
        {
            return _random.Next(count);
        }
    }
}
