using System.Globalization;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Localization;

/// <summary>
/// The one place an error code becomes words: a problem's <c>title</c> by its status and its <c>detail</c> by its code
/// (<c>Problem_&lt;code&gt;</c> in <see cref="Texts"/>). In English the detail is the game's own sentence, which can
/// carry numbers and names ("This room is full (8 players)."); in another language it is the code's sentence from
/// the resources, which every code has (ResourceParityTests checks each one) — or, when the refusal's sentence is
/// one of its field errors (a nickname that is too long), that field error worded (<see cref="FieldText"/>).
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

    public static string Detail(GameError error, CultureInfo culture) =>
        IsEnglish(culture) ? error.Message : Detail(error, PartyText.For(culture.TwoLetterISOLanguageName));

    /// <summary>What a player's screen shows for a refusal, in the screen's language.</summary>
    public static string Detail(GameError error, PartyText texts)
    {
        if (IsEnglish(texts.Culture))
        {
            return error.Message;
        }

        var own = error.FieldErrors?.Values.SelectMany(e => e).FirstOrDefault(e => e.Message == error.Message && e.Code.Length > 0);
        return own is not null && !texts[FieldText.Prefix + own.Code].ResourceNotFound
            ? FieldText.Word(own, texts)
            : Detail(error.Code, error.Message, texts.Culture);
    }

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
