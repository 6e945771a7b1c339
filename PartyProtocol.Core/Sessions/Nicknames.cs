using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Text;

namespace PartyProtocol.Core.Sessions;

/// <summary>
/// Nickname rules (<see cref="TypedText"/>): trimmed, NFC-normalised, 1–16 characters and at most 64 UTF-16 code
/// units, no control, bidi or invisible characters, something visible. Two names are the same when they differ only
/// in case or in look-alike characters (Unicode TR39): "Ann", "ANN" and "Аnn" with a Cyrillic А are one name.
/// </summary>
public static class Nicknames
{
    public const int MaxLength = 16;

    /// <summary>The most UTF-16 code units a nickname may take (sixteen letters, or about eight family emoji).</summary>
    public const int MaxUtf16Length = 64;

    /// <summary>The rules a nickname is checked against.</summary>
    public static TextRules Rules { get; } = new(
        MaxLength,
        MaxUtf16Length,
        Empty: new FieldError("nickname_empty", "Choose a nickname."),
        TooLong: new FieldError("nickname_too_long", $"Nicknames are at most {MaxLength} characters.", MaxLength),
        Forbidden: new FieldError("nickname_forbidden_characters", "Nicknames cannot contain control or invisible formatting characters."),
        NothingVisible: new FieldError("nickname_nothing_visible", "A nickname needs at least one visible letter, digit or symbol."));

    /// <summary>Normalises a nickname, or says in English why it is not acceptable.</summary>
    public static (string? Name, string? Error) Normalize(string? input)
    {
        var (name, error) = Check(input);
        return (name, error?.Message);
    }

    /// <summary>Normalises a nickname, or gives the reason it is not acceptable.</summary>
    public static (string? Name, FieldError? Error) Check(string? input) => TypedText.Check(input, Rules);

    /// <summary>Whether two normalised nicknames count as the same (ignoring case and look-alike characters).</summary>
    public static bool SameName(string a, string b) => string.Equals(Key(a), Key(b), StringComparison.Ordinal);

    /// <summary>The comparison key of a nickname: equal keys are the same name (see <see cref="SameName"/>).</summary>
    public static string Key(string name) => Confusables.Key(name);
}
