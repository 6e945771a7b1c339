using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Web.Components.Shared;

namespace PartyProtocol.Web.Components.Cartridges.Bluff;

/// <summary>The words Bluff's screens put around the view's numbers and names (the shared ones are in <see cref="PlayText"/>).</summary>
public static class BluffText
{
    public const string Blank = PartyProtocol.Core.Cartridges.Bluff.BluffQuestion.Blank;

    /// <summary>What the player's pick meant: found the truth, fooled by someone, or no pick.</summary>
    public static string PickOutcome(RoundFeedback feedback, bool picked) => feedback switch
    {
        { FoundTruth: true } => "You found the truth!",
        { FooledBy.Count: > 0 } => $"You were fooled by {PlayText.Names(feedback.FooledBy)}",
        _ when !picked => "You didn't pick an answer in time.",
        _ => "No points from your pick this time.",
    };

    /// <summary>What the player's lie did, or null when they wrote none.</summary>
    public static string? LieOutcome(RoundFeedback feedback, bool lied) => (feedback.PlayersFooled, lied) switch
    {
        ( > 0, _) => $"Your lie fooled {PlayText.Players(feedback.PlayersFooled)}",
        (_, true) => "Nobody fell for your lie.",
        _ => null,
    };
}
