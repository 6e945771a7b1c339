using PartyProtocol.Core.Events;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Components.Pages;

/// <summary>
/// What the host and player screens say when a session ended by itself (see <see cref="SessionEndReasons"/>), in the
/// screen's language.
/// </summary>
internal static class SessionEndTexts
{
    /// <summary>"This game has ended", in the screen's language.</summary>
    public static string TitleIn(PartyText t) => t["Shared_SessionEnded_Title"];

    /// <summary>Why it ended, in the screen's language.</summary>
    public static string WhyIn(string reason, PartyText t) => reason switch
    {
        SessionEndReasons.GameOver or SessionEndReasons.Idle or SessionEndReasons.Lost => t["Shared_SessionEnded_" + reason],
        _ => t["Shared_SessionEnded_closed"],
    };
}
