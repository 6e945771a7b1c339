using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace PartyProtocol.Tests.Web.Components;

/// <summary>What a person reads or hears on a screen, to check that a Danish screen says nothing in English.</summary>
internal static partial class NoEnglish
{
    /// <summary>Sentences and words the phone's screens say in English; none may show up when the phone speaks Danish.</summary>
    public static readonly string[] PhoneSentences =
    [
        "You're in", "players here", "player here", "Leave this room", "Keep an eye on the big screen", "Round ", "pts",
        "Your lie", "Submit lie", "Lie for me", "house's lies", "half points", "Lie locked in", "Answer locked in", "Waiting for",
        "Everyone's done", "Which one is the truth", "React ", "Eyes on the big screen", "being revealed", "You found the truth",
        "You were fooled", "Your lie fooled", "Nobody fell", "this round", "coming up", "You won", "You finished", "Thanks for playing",
        "points", "Question ", "Correct!", "Wrong", "Time's up", "in a row", "Next one's yours", "Be quicker", "Answers", "triangle",
        "diamond", "circle", "square", "seconds left", "second left", "Turn the sound", "Paused", "Resume", "done", "Not connected",
        "Up ", "Down ", "Same place", "Master detective", "Gullible", "Best liar", "Brainbox", "Fastest finger",
    ];

    /// <summary>Sentences and words the TV's screens say in English; none may show up when the TV speaks Danish.</summary>
    public static readonly string[] TvSentences =
    [
        .. PhoneSentences, "Grab your phone", "Go to ", "and enter", "Scan to join", "waiting for players", "Players", "Play",
        "Close room", "End game", "Moderate", "Hide the name", "Remove ", "Rejoin at", "Room code", "QR code", "Mute", "Volume",
        "Write a lie", "Make it believable", "Pick it on your phone", "lies in", "picks in", "answers in", "Scores", "Scoreboard",
        "Picked by", "Nobody picked", "The truth!", "House lie", "A lie", "found the truth", "fooled them", "Answer ", "last round",
        "Final scores", "Final results", "Next", "wins!", "share the win", "Game over", "Same players", "New players", "Leaderboard",
        "After question", "Double points", "Reactions", "in the audience", " of ",
    ];

    /// <summary>
    /// Sentences and words the pack, preset and account pages say in English (their own, the content lint's and the
    /// field errors'); none may show up when they speak Danish. ("Log in" is not among them: Danish "Log ind" contains it.)
    /// </summary>
    public static readonly string[] PageSentences =
    [
        "Your question packs", "Write your own questions", "New ", " pack", "Import a pack", "Game (for CSV)", "Pack name",
        "Copy a pack", "Share code", "Copy into", "No packs yet", "question", "shared with", "Share", "Stop sharing", "Edit", "Delete",
        "Keep", "Confirm", "cannot be undone", "Imported", "Copied", "Nothing was imported", "Back to", "Language", "Description",
        "Search", "Add question", "Paste", "Or upload", "Rows", "Add these", "Actions", "Move up", "Move down", "Saving", "Create pack",
        "Save pack", "Sentence", "Truth", "Also accepted", "House lies", "Category", "Family friendly", "Source", "Where the fact",
        "is missing", "must ", "has '", " entries", "The CSV", "column", "Line ", "Question ", "more problem", "Your presets",
        "Save the settings", "preset", "Updated", "Default settings", "Name", "Save changes", "Cancel", "Host a game", "Signed in as",
        "Sign out", "Sign in", "Register", "already have", "characters",
    ];

    /// <summary>Fails with the pages' English sentences found in what the element says, leaving out the given texts.</summary>
    public static void AssertPage(IElement root, params string?[] except) => Assert(PageSentences, root, except);

    /// <summary>The text of an element and every aria-label, title and placeholder in it, whitespace collapsed.</summary>
    public static string Said(IElement root)
    {
        var labels = root.QuerySelectorAll("[aria-label], [title], [placeholder]")
            .SelectMany(e => new[] { e.GetAttribute("aria-label"), e.GetAttribute("title"), e.GetAttribute("placeholder") })
            .Where(a => a is not null);
        return Whitespace().Replace(string.Join(" | ", labels.Prepend(root.TextContent)), " ").Trim();
    }

    /// <summary>Fails with the English sentences found in what the element says, leaving out the given texts (a question's own words).</summary>
    public static void Assert(IElement root, params string?[] except) => Assert(PhoneSentences, root, except);

    /// <summary>Fails with the TV's English sentences found in what the element says, leaving out the given texts.</summary>
    public static void AssertTv(IElement root, params string?[] except) => Assert(TvSentences, root, except);

    private static void Assert(string[] sentences, IElement root, string?[] except)
    {
        var said = Said(root);
        foreach (var text in except.Where(t => !string.IsNullOrEmpty(t)))
        {
            said = said.Replace(text!, "", StringComparison.Ordinal);
        }

        var leaks = sentences.Where(s => said.Contains(s, StringComparison.Ordinal)).ToList();
        Xunit.Assert.True(leaks.Count == 0, $"English on a Danish screen: {string.Join(", ", leaks.Select(l => $"'{l}'"))} in: {said}");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
