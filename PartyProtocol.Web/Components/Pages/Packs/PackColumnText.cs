using PartyProtocol.Core.Content;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Components.Pages.Packs;

/// <summary>
/// A column of a game's question table as the reader's language names it: <c>PackColumn_&lt;game&gt;_&lt;column&gt;</c>
/// and <c>PackColumnHelp_…</c> (its <see cref="QuestionColumn.HelpArguments"/> as placeholders). In English, and for a
/// column without a text (a new game's), the game's own words.
/// </summary>
internal static class PackColumnText
{
    public static string Label(QuestionColumn column, string game, PartyText texts) =>
        Word(texts, $"PackColumn_{game}_{column.Name}", column.Label, []);

    public static string Help(QuestionColumn column, string game, PartyText texts) =>
        Word(texts, $"PackColumnHelp_{game}_{column.Name}", column.Help, column.HelpArguments);

    private static string Word(PartyText texts, string key, string english, IReadOnlyList<object> arguments)
    {
        if (texts.Language == "en")
        {
            return english;
        }

        var text = texts[key, [.. arguments]];
        return text.ResourceNotFound ? english : text.Value;
    }
}
