using PartyProtocol.Core.Events;

namespace PartyProtocol.Web.Components.Pages;

/// <summary>What the host and player screens say when a session ended by itself (see <see cref="SessionEndReasons"/>).</summary>
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
}
