using System.Collections.Concurrent;
using PartyProtocol.Bench.Clients;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Core.Cartridges.Quiz;

namespace PartyProtocol.Bench.Load;

/// <summary>
/// The owner of a Quiz session, listening on the screen's connection: a second after a question's results (or the
/// leaderboard) appear it presses <c>next</c>, as a host does, so games do not wait out every pause. Now and then it
/// lets the pause run out instead, so those deadlines fire too.
/// </summary>
public sealed class QuizOwner(RestClient rest, Uri server, string code, string ownerToken, CancellationToken cancellationToken)
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(1);
    private static readonly string[] Refusals = [Core.Engine.ErrorCodes.WrongPhase];
    private readonly ConcurrentBag<Task> _actions = [];
    private int _pauses;

    public void OnEvent(ReceivedEvent received)
    {
        if (received.Type is QuizEvents.QuestionResults or QuizEvents.Leaderboard && Interlocked.Increment(ref _pauses) % 4 != 0)
        {
            _actions.Add(NextAsync());
        }
    }

    public Task WhenIdleAsync() => Task.WhenAll(_actions);

    private async Task NextAsync()
    {
        try
        {
            await Task.Delay(Linger, cancellationToken);
            // The pause may have run out meanwhile: then "next" is refused as a wrong phase, which is expected.
            await rest.SendAsync("next", HttpMethod.Post, new Uri(server, $"api/sessions/{code}/next"), ownerToken, null, cancellationToken, Refusals);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Abandoned with the game.
        }
    }
}
