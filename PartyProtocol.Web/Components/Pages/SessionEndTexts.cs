using PartyProtocol.Core.Events;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Components.Pages;

/// <summary>
/// What the host and player screens say when a session ended by itself (see <see cref="SessionEndReasons"/>): in
/// English for the host's screen, in the screen's language (<see cref="TitleIn"/>, <see cref="WhyIn"/>) for the phone's.
/// </summary>
internal static class SessionEndTexts
{
    public const string Title = "This game has ended";

    public static string Why(string reason) => reason switch
    {
        SessionEndReasons.GameOver => "The game was over and its final scores have been put away.",
        SessionEndReasons.Idle => "Nobody played for a long while, so the room closed.",
        SessionEndReasons.Lost => "The server lost track of this game, sorry.",
        _ => "The room is closed.",
    };

    /// <summary><see cref="Title"/> in the screen's language.</summary>
    public static string TitleIn(PartyText t) => t["Shared_SessionEnded_Title"];

    /// <summary><see cref="Why"/> in the screen's language.</summary>
    public static string WhyIn(string reason, PartyText t) => reason switch
    {
        SessionEndReasons.GameOver or SessionEndReasons.Idle or SessionEndReasons.Lost => t["Shared_SessionEnded_" + reason],
        _ => t["Shared_SessionEnded_closed"],
    };
}
