using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Localization;

/// <summary>
/// Words why a field is refused (<see cref="FieldError"/>) in the reader's language: the text <c>Field_&lt;code&gt;</c>
/// with the error's arguments as its placeholders (a nested field error worded the same way, numbers in the language's
/// format). In English, and for a code without a text (a new game's own), it is the error's English sentence.
/// </summary>
public static class FieldText
{
    public const string Prefix = "Field_";

    public static string Word(FieldError error, PartyText texts)
    {
        if (texts.Language == "en" || error.Code.Length == 0)
        {
            return error.Message;
        }

        var format = texts[Prefix + error.Code];
        return format.ResourceNotFound
            ? error.Message
            : string.Format(texts.Culture, format.Value, [.. error.Arguments.Select(a => Argument(a, texts))]);
    }

    private static object Argument(object argument, PartyText texts) => argument switch
    {
        FieldError part => Word(part, texts),
        IReadOnlyList<object> list => string.Join(", ", list.Select(a => Argument(a, texts))),
        _ => argument,
    };

    /// <summary>
    /// A refusal's per-field messages in the reader's language. A message without a code stays English, unless it is
    /// the refusal's own sentence under a code that says what is wrong (<c>pack_name_taken</c>): that one reads like the
    /// refusal's detail.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]>? Messages(GameError error, PartyText texts)
    {
        if (error.Errors is not { Count: > 0 })
        {
            return null;
        }

        return error.AllFieldErrors().ToDictionary(field => field.Key, field => field.Value
            .Select(e => e.Code.Length > 0 || e.Message != error.Message || error.Code == ErrorCodes.InvalidInput
                ? Word(e, texts)
                : ProblemText.Detail(error, texts))
            .ToArray(), StringComparer.Ordinal);
    }
}
