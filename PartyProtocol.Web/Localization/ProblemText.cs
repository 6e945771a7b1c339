using System.Globalization;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Localization;

/// <summary>
/// The one place an error code becomes words: a problem's <c>title</c> by its status and its <c>detail</c> by its code
/// (<c>Problem_&lt;code&gt;</c> in <see cref="Texts"/>). In English the detail is the game's own sentence, which can
/// carry numbers and names ("This room is full (8 players)."); in another language it is the code's sentence from
/// the resources, which every code has (ProblemTextTests checks each one).
/// </summary>
public static class ProblemText
{
    public static string Detail(string code, string english, CultureInfo culture)
    {
        if (IsEnglish(culture))
        {
            return english;
        }

        var text = PartyText.For(culture.TwoLetterISOLanguageName)["Problem_" + code];
        return text.ResourceNotFound ? english : text.Value;
    }

    public static string Detail(GameError error, CultureInfo culture) => Detail(error.Code, error.Message, culture);

    /// <summary>What a player's screen shows for a refusal, in the screen's language.</summary>
    public static string Detail(GameError error, PartyText texts) => Detail(error.Code, error.Message, texts.Culture);

    public static string Title(int status, string english, CultureInfo culture)
    {
        if (IsEnglish(culture))
        {
            return english;
        }

        var text = PartyText.For(culture.TwoLetterISOLanguageName)["ProblemTitle_" + status.ToString(CultureInfo.InvariantCulture)];
        return text.ResourceNotFound ? english : text.Value;
    }

    private static bool IsEnglish(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName is "en" or "iv" || UiLanguages.Supported(culture.Name) is null;
}
