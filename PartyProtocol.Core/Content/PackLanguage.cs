using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Content;

/// <summary>
/// The languages a room can be played in: the language of the questions it draws, of the TV's texts, and of the
/// phones unless a player chose their own. A pack declares one of these in its <c>language</c> field.
/// </summary>
public static class PackLanguage
{
    public const string English = "en";
    public const string Danish = "da";

    /// <summary>A room's language when the host picks none.</summary>
    public const string Default = English;

    /// <summary>Every language the platform ships questions and texts for, each named in its own language.</summary>
    public static IReadOnlyList<SettingOption> Options { get; } =
    [
        new(English, "English"),
        new(Danish, "Dansk"),
    ];

    /// <summary>The <c>language</c> setting every game with questions declares.</summary>
    public static SettingDefinition Setting { get; } = SettingDefinition.Choice("language", Default, Options,
        "The room's language: the questions it plays, the TV's texts and the phones' unless a player picks their own.");

    /// <summary>Whether a pack written in <paramref name="packLanguage"/> is played in a room set to <paramref name="roomLanguage"/>.</summary>
    public static bool Plays(string packLanguage, string roomLanguage) =>
        string.Equals(packLanguage, roomLanguage, StringComparison.OrdinalIgnoreCase);
}
