using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Api;

/// <summary>
/// One refusal as every transport reports it: REST writes it as RFC 7807 <c>application/problem+json</c>, the hub
/// returns it in <c>error</c>, the WebSocket answers it before the upgrade. <see cref="From(GameError)"/> is the one
/// place where a <see cref="ErrorKind"/> becomes an HTTP status. Title, detail and the per-field messages are in the
/// request's language (Accept-Language, see <see cref="ProblemText"/> and <see cref="FieldText"/>); the code never changes.
/// </summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Code">The stable machine-readable code, e.g. <c>wrong_phase</c>.</param>
/// <param name="Title">A short summary of the status.</param>
/// <param name="Detail">A sentence a person can read.</param>
/// <param name="Errors">Field → messages, when particular fields are at fault.</param>
public sealed record ApiProblem(int Status, string Code, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static int StatusCodeFor(ErrorKind kind) => kind switch
    {
        ErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Invalid => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ApiProblem From(GameError error)
    {
        var status = StatusCodeFor(error.Kind);
        var texts = PartyText.For(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        return new ApiProblem(status, error.Code, TitleFor(status), ProblemText.Detail(error, texts), FieldText.Messages(error, texts));
    }

    public static ApiProblem Create(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(status, code, TitleFor(status), ProblemText.Detail(code, detail, CultureInfo.CurrentUICulture), errors);

    public ProblemDetails ToProblemDetails()
    {
        var problem = new ProblemDetails { Status = Status, Title = Title, Detail = Detail };
        problem.Extensions["code"] = Code;
        if (Errors is not null)
        {
            problem.Extensions["errors"] = Errors;
        }

        return problem;
    }

    public ProblemHttpResult ToResult() => TypedResults.Problem(ToProblemDetails());

    /// <summary>Writes the problem as the response (for middleware and the WebSocket endpoint, outside endpoint results).</summary>
    public Task WriteAsync(HttpContext context) => ToResult().ExecuteAsync(context);

    private static string TitleFor(int status) => ProblemText.Title(status, EnglishTitle(status), CultureInfo.CurrentUICulture);

    private static string EnglishTitle(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid.",
        StatusCodes.Status401Unauthorized => "A valid token is needed.",
        StatusCodes.Status403Forbidden => "Not allowed.",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed.",
        StatusCodes.Status409Conflict => "Not possible in the game's current state.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON.",
        StatusCodes.Status422UnprocessableEntity => "The request breaks a rule of the game.",
        StatusCodes.Status429TooManyRequests => "Too many requests.",
        StatusCodes.Status503ServiceUnavailable => "Temporarily unavailable.",
        _ => "Something went wrong on the server.",
    };
}
