using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PartyProtocol.Web.Api;

/// <summary>Marks an endpoint that reads a session token from <c>Authorization: Bearer</c> (for the OpenAPI document).</summary>
/// <param name="Optional">True when the call also works without a token (it then acts as the host screen or a newcomer).</param>
public sealed record SessionTokenMetadata(bool Optional);

/// <summary>What the OpenAPI document adds beyond the endpoint metadata: the API's description, the bearer scheme, the problem shape.</summary>
internal static class ApiOpenApi
{
    public const string SchemeName = "sessionToken";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "PartyProtocol API";
            document.Info.Description =
                "Play PartyProtocol games from any HTTP client. Errors are RFC 7807 `application/problem+json` with a stable " +
                "`code` and a human `detail`. Every change is also pushed as an event over the SignalR hub `/hubs/game` and " +
                "the WebSocket `/ws/game/{code}/` (see docs/events.md).";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The owner token from `POST /api/sessions` or a player token from `POST /api/sessions/{code}/players`. " +
                    "Tokens are valid for one session only.",
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var token = context.Description.ActionDescriptor.EndpointMetadata.OfType<SessionTokenMetadata>().LastOrDefault();
            if (token is not null)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
                if (token.Optional)
                {
                    operation.Security.Add(new OpenApiSecurityRequirement());
                }
            }

            return Task.CompletedTask;
        });

        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(ProblemDetails))
            {
                schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                schema.Properties["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "Stable machine-readable error code, e.g. `wrong_phase` (see docs/api.md for the full list).",
                };
                schema.Properties["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Field → messages, when particular fields are at fault.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                };
            }

            return Task.CompletedTask;
        });
    }
}
