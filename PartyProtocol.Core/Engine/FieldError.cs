namespace PartyProtocol.Core.Engine;

/// <summary>
/// Why one field (a setting, a nickname, a cell of a question) is refused, as data: a stable snake_case
/// <paramref name="Code"/> for the kind of failure and the values its sentence names, beside the sentence itself in
/// English. A client words it in its reader's language from the code (the web app has a text per code with the
/// arguments as placeholders); one that does not know the code shows <paramref name="Message"/>.
/// </summary>
/// <param name="Code">Stable snake_case code of the kind of failure, e.g. <c>setting_range</c>; one per sentence shape.</param>
/// <param name="Message">The English sentence, with the arguments in it.</param>
/// <param name="Arguments">
/// The values the sentence names, in the order of the code's placeholders: text, numbers (worded in the reader's
/// number format), a nested <see cref="FieldError"/> for a part of the sentence that is worded too, or a list of these
/// (an array, written with commas between its items).
/// </param>
public sealed record FieldError(string Code, string Message, params object[] Arguments)
{
    /// <summary>"'a'", "'a' or 'b'", "'a', 'b' or 'c'": a choice among values, its "or" worded with the sentence.</summary>
    public static object Or(IReadOnlyList<string> values) => values.Count switch
    {
        0 => string.Empty,
        1 => values[0],
        _ => new FieldError("list_or", $"{string.Join(", ", values.Take(values.Count - 1))} or {values[^1]}",
            string.Join(", ", values.Take(values.Count - 1)), values[^1]),
    };

    public override string ToString() => Message;
}
