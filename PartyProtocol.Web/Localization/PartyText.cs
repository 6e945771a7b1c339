using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace PartyProtocol.Web.Localization;

/// <summary>
/// The texts of one browser (a Blazor circuit, or one request): <see cref="Texts"/> in the language this screen shows.
/// That is the player's own choice (the join page's switch, kept in a cookie) when they made one, else the room's
/// language once a screen knows its room (<see cref="FollowRoom"/>), else the browser's (Accept-Language).
/// Plurals and ordinals follow the language's rules: "1 player"/"2 players", "1 spiller"/"2 spillere", "1st"/"1.".
/// </summary>
public sealed class PartyText : IStringLocalizer<Texts>
{
    private static readonly ResourceManager Resources = new(typeof(Texts).FullName!, typeof(Texts).Assembly);

    public PartyText(IHttpContextAccessor http)
    {
        var context = http.HttpContext;
        var chosen = context?.Request.Cookies[UiLanguages.CookieName] is { } cookie
            ? CookieRequestCultureProvider.ParseCookieValue(cookie)?.UICultures.FirstOrDefault().Value
            : null;
        Chosen = UiLanguages.Supported(chosen) is not null;
        var requested = context?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        Culture = UiLanguages.CultureOf(Chosen ? chosen : requested.Name);
    }

    private PartyText(CultureInfo culture)
    {
        Culture = culture;
        Chosen = true;
    }

    /// <summary>The language the texts are in.</summary>
    public CultureInfo Culture { get; private set; }

    /// <summary>The two-letter code of <see cref="Culture"/>, for <c>lang</c> attributes.</summary>
    public string Language => Culture.TwoLetterISOLanguageName;

    /// <summary>Whether the player picked this language themselves, so a room's language does not replace it.</summary>
    public bool Chosen { get; }

    /// <summary>Texts in a fixed language (tests, the host's preview of a room language, problem documents).</summary>
    public static PartyText For(string language) => new(UiLanguages.CultureOf(language));

    /// <summary>Takes the room's language, unless the player chose their own.</summary>
    public void FollowRoom(string? roomLanguage)
    {
        if (Chosen || UiLanguages.Supported(roomLanguage) is null)
        {
            return;
        }

        Culture = UiLanguages.CultureOf(roomLanguage);
    }

    public LocalizedString this[string name]
    {
        get
        {
            var value = Resources.GetString(name, Culture);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(Culture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    /// <summary>A counted text: the key's <c>_One</c> form for 1, its <c>_Other</c> form otherwise, with the count as {0}.</summary>
    public string Plural(string name, int count, params object[] more) =>
        this[count == 1 ? name + "_One" : name + "_Other", [count, .. more]];

    /// <summary>A rank as people write it: 1st, 2nd, 3rd, 11th, 21st in English; 1., 2., 3. in Danish.</summary>
    public string Ordinal(int rank)
    {
        var number = rank.ToString(Culture);
        if (Language != "en")
        {
            return number + ".";
        }

        var suffix = (rank % 100) is 11 or 12 or 13 ? "th" : (rank % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
        return number + suffix;
    }

    /// <summary>
    /// A text around one marked-up part: what comes before and after its <c>{0}</c>, so a screen can put the part in
    /// its own element ("You're <c>&lt;strong&gt;1st&lt;/strong&gt;</c>", "Du ligger på <c>&lt;strong&gt;1.&lt;/strong&gt;</c> plads").
    /// </summary>
    public (string Before, string After) Around(string name)
    {
        var text = this[name].Value;
        var at = text.IndexOf("{0}", StringComparison.Ordinal);
        return at < 0 ? (text, "") : (text[..at], text[(at + 3)..]);
    }

    /// <summary>"Ann", "Ann and Ben", "Ann, Ben and Cy" ("Ann, Ben og Cy").</summary>
    public string Names(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => this["Common_NamesList", string.Join(", ", names.Take(names.Count - 1)), names[^1]],
    };

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        var set = Resources.GetResourceSet(Culture, createIfNotExists: true, tryParents: includeParentCultures);
        return set is null
            ? []
            : set.Cast<System.Collections.DictionaryEntry>().Select(e => new LocalizedString((string)e.Key, (string)e.Value!, false));
    }

    /// <summary>Every key and text of one language's own resource file, without falling back to English.</summary>
    public static IReadOnlyDictionary<string, string> Table(string language)
    {
        var culture = language == "en" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language);
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        return set is null
            ? new Dictionary<string, string>()
            : set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }
}
