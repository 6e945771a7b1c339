using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
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

    /// <summary>
    /// Documents a JSON request body the handler reads itself (through <see cref="JsonBodies"/>). Unlike
    /// <c>Accepts</c>, this adds no content-type constraint to routing, so a body-less request still reaches the
    /// handler and gets its problem document.
    /// </summary>
    public static RouteHandlerBuilder WithJsonBody(this RouteHandlerBuilder builder, Type type, bool required = true) =>
        builder.WithJsonBody([type], required);

    /// <summary>
    /// Documents a JSON body that is one of several records (<c>oneOf</c>): the same route or move name may take a
    /// different body in each game.
    /// </summary>
    public static RouteHandlerBuilder WithJsonBody(this RouteHandlerBuilder builder, IReadOnlyList<Type> types, bool required = true) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schemas = new List<IOpenApiSchema>();
            foreach (var type in types.Distinct())
            {
                schemas.Add(await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = required,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = schemas.Count == 1 ? schemas[0] : new OpenApiSchema { OneOf = schemas } },
                },
            };
        });
}
