using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Components.Cartridges.Bluff;

/// <summary>The words Bluff's screens put around the view's numbers and names (the shared ones are in <see cref="Shared.PlayText"/>).</summary>
public static class BluffText
{
    public const string Blank = PartyProtocol.Core.Cartridges.Bluff.BluffQuestion.Blank;

    /// <summary>What the player's pick meant: found the truth, fooled by someone, or no pick.</summary>
    public static string PickOutcome(RoundFeedback feedback, bool picked, PartyText t) => feedback switch
    {
        { FoundTruth: true } => t["Bluff_PickOutcome_Truth"],
        { FooledBy.Count: > 0 } => t["Bluff_PickOutcome_FooledBy", t.Names(feedback.FooledBy)],
        _ when !picked => t["Bluff_PickOutcome_NoPick"],
        _ => t["Bluff_PickOutcome_Nothing"],
    };

    /// <summary>What the player's lie did, or null when they wrote none.</summary>
    public static string? LieOutcome(RoundFeedback feedback, bool lied, PartyText t) => (feedback.PlayersFooled, lied) switch
    {
        ( > 0, _) => t["Bluff_LieOutcome_Fooled", t.Plural("Common_Players", feedback.PlayersFooled)].Value,
        (_, true) => t["Bluff_LieOutcome_Nobody"].Value,
        _ => null,
    };
}
