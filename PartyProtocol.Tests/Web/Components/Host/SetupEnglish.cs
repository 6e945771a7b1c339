using System.Text.RegularExpressions;
using AngleSharp.Dom;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Tests.Web.Components.Host;

/// <summary>
/// The English a set-up page could leak into another language: the games' own words (their descriptions, their settings'
/// descriptions and options) and the English texts of the set-up page, its settings and its pickers wherever the other
/// language words them differently — so a text that stays English anywhere on the page is caught, not just the ones a
/// test names.
/// </summary>
internal static partial class SetupEnglish
{
    private static readonly string[] Prefixes = ["Setup_", "Setting_", "Settings_", "PackPicker_", "PresetPicker_", "Game_", "Mud_"];

    public static IReadOnlyList<string> Sentences(IEnumerable<ICartridge> games, string language)
    {
        var english = PartyText.Table(PackLanguage.English);
        var other = PartyText.Table(language);
        var texts = english
            .Where(p => Prefixes.Any(prefix => p.Key.StartsWith(prefix, StringComparison.Ordinal)) && other.GetValueOrDefault(p.Key) != p.Value)
            .SelectMany(p => Placeholder().Split(p.Value));
        var declared = games.SelectMany(g => g.Settings
            .SelectMany(s => (s.Name == PackLanguage.Setting.Name ? [] : s.Options ?? []).Select(o => o.Label).Append(s.Description))
            .Append(g.Description));
        return [.. texts.Concat(declared).Select(f => f.Trim()).Where(f => f.Count(char.IsLetter) >= 4).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Fails with the English found in what the element says, leaving out the given texts (the packs' own names).</summary>
    public static void AssertNone(IElement root, IReadOnlyList<string> sentences, IEnumerable<string> except)
    {
        var said = NoEnglish.Said(root);
        foreach (var text in except.Where(t => t.Length > 0))
        {
            said = said.Replace(text, "", StringComparison.Ordinal);
        }

        var leaks = sentences.Where(s => said.Contains(s, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, $"English on a Danish set-up page: {string.Join(", ", leaks.Select(l => $"'{l}'"))} in: {said}");
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
