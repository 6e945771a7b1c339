using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Localization;

/// <summary>
/// A game's name and description in a screen's language: <c>Game_&lt;key&gt;_Name</c> and <c>Game_&lt;key&gt;_Description</c>
/// in <see cref="Texts"/>, else the game's own English (a newly installed game shows its English until its texts are added).
/// Its settings' words are <see cref="Presets.SettingText"/>'s.
/// </summary>
public static class GameText
{
    /// <summary>The name of the game with this key; <paramref name="english"/> is the game's own (a view's <c>GameName</c>).</summary>
    public static string Name(string game, string english, PartyText t) =>
        t[$"Game_{game}_Name"] is { ResourceNotFound: false } text ? text.Value : english;

    public static string Name(ICartridge game, PartyText t) => Name(game.Key, game.Name, t);

    public static string Description(ICartridge game, PartyText t) =>
        t[$"Game_{game.Key}_Description"] is { ResourceNotFound: false } text ? text.Value : game.Description;
}
