using Microsoft.AspNetCore.Http.HttpResults;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Api;

/// <summary>Turns the service's <see cref="Result{T}"/> into typed endpoint results.</summary>
internal static class ApiResults
{
    public static Results<Ok<T>, ProblemHttpResult> Ok<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : ApiProblem.From(result.Error).ToResult();

    /// <summary>The problem statuses every endpoint under <c>/api/sessions/{code}</c> may answer, for OpenAPI.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status503ServiceUnavailable).Distinct())
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
