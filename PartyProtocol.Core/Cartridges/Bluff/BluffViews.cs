using System.Collections.Immutable;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Play;

namespace PartyProtocol.Core.Cartridges.Bluff;

/// <summary>The question as clients see it (never the truth).</summary>
public sealed record QuestionView(string Id, string Text, string Category);

/// <summary>An answer on the guess screen: no author, no kind, just reaction counts.</summary>
/// <param name="MyReactions">The emojis this player used on it (player views only).</param>
public sealed record AnswerView(string Id, string Text, IReadOnlyDictionary<string, int> Reactions, IReadOnlyList<string>? MyReactions);

/// <summary>What a player learns about their own round once the truth is out.</summary>
/// <param name="FoundTruth">Picked the truth.</param>
/// <param name="FooledBy">Authors of the lie they picked ("the house" for a house lie); empty if none.</param>
/// <param name="PlayersFooled">How many players picked their lie.</param>
/// <param name="Points">Points earned this round.</param>
public sealed record RoundFeedback(bool FoundTruth, IReadOnlyList<string> FooledBy, int PlayersFooled, int Points);

/// <summary>A player's own secrets and status.</summary>
public sealed record BluffYou(
    string? Lie,
    bool LieForMe,
    IReadOnlyList<string>? Suggestions,
    string? GuessId,
    bool CanSubmit,
    int Score,
    int Rank,
    RoundFeedback? Feedback)
{
    /// <summary>The host hid this player's lie from the screens this round (its points still count).</summary>
    public bool LieHidden { get; init; }
}

/// <summary>Bluff's view: one record for every viewer; player-only parts sit under <see cref="You"/>.</summary>
public sealed record BluffView(
    string Phase,
    int Round,
    int Rounds,
    int Multiplier,
    QuestionView Question,
    IReadOnlyList<string> Submitted,
    IReadOnlyList<AnswerView>? Answers,
    IReadOnlyList<RevealStep>? Reveal,
    int RevealTotal,
    IReadOnlyList<RankedPlayer> Scores,
    FinalResult? Final,
    IReadOnlyList<string> Emojis,
    BluffYou? You)
{
    /// <summary>
    /// During the reveal and the scoreboard, how many audience members voted this round, so the big screen can say
    /// "nobody in the audience picked it" of an answer (host view only; the same number is in
    /// <c>phase.scores_calculated</c>). Null for other viewers and outside the reveal.
    /// </summary>
    public int? AudienceVoters { get; init; }
}

/// <summary>Builds each viewer's <see cref="BluffView"/>: the host and spectators see no secret; a player sees their own.</summary>
public static class BluffViews
{
    public static BluffView Build(GameContext<BluffSettings, BluffState> ctx, Viewer viewer)
    {
        var state = ctx.State;
        var me = viewer.Kind == ViewerKind.Player ? viewer.PlayerId : null;
        var revealing = state.Phase is BluffPhases.Reveal or BluffPhases.Scoreboard;
        var shownScores = state.Phase == BluffPhases.Reveal && state.Revealed > 0 ? state.Reveal[state.Revealed - 1].Scores : state.Scores;
        var submitted = state.Phase switch
        {
            BluffPhases.Lie => state.Lies.Keys,
            BluffPhases.Guess => state.Guesses.Keys,
            _ => [],
        };
        var answers = state.Phase is BluffPhases.Guess or BluffPhases.Reveal
            ? state.Answers
                .Where(a => me is null || !a.Authors.Contains(me))
                .Select(a => new AnswerView(a.Id, a.Text, ReactionCounts(state, a.Id), me is null ? null : MyReactions(state, a.Id, me)))
                .ToList()
            : null;
        var ranks = Ranking.Rank(shownScores, ctx.Players, state.Phase == BluffPhases.Scoreboard ? state.RanksBefore : null);
        return new BluffView(
            state.Phase,
            state.Round,
            state.TotalRounds,
            ctx.Settings.MultiplierFor(state.Round),
            new QuestionView(state.Question.Id, state.Question.Text, state.Question.Category),
            ctx.Players.Where(p => submitted.Contains(p.Id)).Select(p => p.Id).ToList(),
            answers,
            revealing ? state.Reveal.Take(state.Revealed).ToList() : null,
            revealing ? state.Reveal.Count : 0,
            ranks,
            state.Final,
            BluffCartridge.Emojis,
            me is null ? null : You(state, me, ranks))
        {
            // Every answer an audience member picked is in the reveal (the truth always is), so its picks add up to the voters.
            AudienceVoters = viewer.Kind == ViewerKind.Host && revealing ? state.Reveal.Sum(s => s.AudiencePicks) : null,
        };
    }

    /// <summary>Counts per emoji on one answer (who reacted never leaves the server).</summary>
    public static IReadOnlyDictionary<string, int> ReactionCounts(BluffState state, string answerId)
    {
        var byEmoji = state.Reactions.GetValueOrDefault(answerId);
        return BluffCartridge.Emojis.ToDictionary(e => e, e => byEmoji?.GetValueOrDefault(e)?.Count ?? 0);
    }

    private static List<string> MyReactions(BluffState state, string answerId, string playerId) =>
        state.Reactions.GetValueOrDefault(answerId)?.Where(r => r.Value.Contains(playerId)).Select(r => r.Key).ToList() ?? [];

    private static BluffYou You(BluffState state, string playerId, ImmutableList<RankedPlayer> ranks)
    {
        var lie = state.Lies.GetValueOrDefault(playerId);
        var canSubmit = state.Phase switch
        {
            BluffPhases.Lie => lie is null,
            BluffPhases.Guess => !state.Guesses.ContainsKey(playerId),
            _ => false,
        };
        var mine = ranks.FirstOrDefault(r => r.PlayerId == playerId);
        var truthOut = (state.Phase == BluffPhases.Reveal && state.Revealed == state.Reveal.Count) || state.Phase == BluffPhases.Scoreboard;
        return new BluffYou(
            lie?.Text,
            lie?.LieForMe ?? false,
            state.Phase == BluffPhases.Lie ? state.Suggestions.GetValueOrDefault(playerId) : null,
            state.Guesses.GetValueOrDefault(playerId),
            canSubmit,
            mine?.Score ?? 0,
            mine?.Rank ?? 0,
            truthOut ? Feedback(state, playerId) : null)
        {
            LieHidden = state.Answers.Any(a => a.Authors.Contains(playerId) && state.HiddenAnswers.Contains(a.Id)),
        };
    }

    private static RoundFeedback Feedback(BluffState state, string playerId)
    {
        var pickedId = state.Guesses.GetValueOrDefault(playerId);
        var picked = state.Answers.FirstOrDefault(a => a.Id == pickedId);
        var fooledBy = picked?.Kind switch
        {
            AnswerKind.Lie => state.Reveal.First(s => s.AnswerId == picked.Id).Authors.Select(a => a.Name).ToList(),
            AnswerKind.House => ["the house"],
            _ => [],
        };
        var myAnswer = state.Answers.FirstOrDefault(a => a.Authors.Contains(playerId));
        var fooled = myAnswer is null ? 0 : state.Guesses.Count(g => g.Value == myAnswer.Id);
        var points = state.Reveal.SelectMany(s => s.Points).Where(p => p.PlayerId == playerId).Sum(p => p.Points);
        return new RoundFeedback(picked?.Kind == AnswerKind.Truth, fooledBy, fooled, points);
    }
}
