using Microsoft.AspNetCore.Diagnostics;

namespace PartyProtocol.Web.Api;

/// <summary>
/// Keeps every answer under <c>/api</c> a problem+json document: refuses request bodies larger than
/// <see cref="JsonBodies.MaxBytes"/> (or an endpoint's own <see cref="ApiBodyLimit"/>; 413 <c>payload_too_large</c>), turns bodiless errors from routing into problems
/// (404 <c>not_found</c>, 405 <c>method_not_allowed</c>, ...), and — only as a last resort, for a bug — answers an
/// unexpected exception with 500 <c>internal_error</c> without leaking its details.
/// </summary>
public sealed partial class ApiProblemMiddleware(RequestDelegate next, ILogger<ApiProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        // Refused before a byte is read; Kestrel then drains the unread body (up to its own limit), so the client
        // finishes sending and reads this answer instead of losing its connection mid-upload. Bodies without a
        // Content-Length are cut off at the same size by JsonBodies.
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<ApiBodyLimit>()?.MaxBytes ?? JsonBodies.MaxBytes;
        if (context.Request.ContentLength > limit)
        {
            await JsonBodies.TooLarge(limit).WriteAsync(context);
            return;
        }

        // The HTML "not found" page is for people; API clients get problem documents.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        try
        {
            await next(context);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-request; there is nobody to answer.
            return;
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            await (ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? JsonBodies.TooLarge()
                : JsonBodies.Invalid("body", new Core.Engine.FieldError("request_unreadable", "The request could not be read."))).WriteAsync(context);
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            LogUnexpected(logger, ex, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await ApiProblem.Create(StatusCodes.Status500InternalServerError, ApiErrorCodes.InternalError,
                "Something went wrong on our side; try again.").WriteAsync(context);
            return;
        }

        if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null
            && string.IsNullOrEmpty(context.Response.ContentType))
        {
            await ForStatus(context).WriteAsync(context);
        }
    }

    private static ApiProblem ForStatus(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => ApiProblem.Create(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound,
            $"There is nothing at {context.Request.Method} {context.Request.Path}. See /openapi/v1.json for the API."),
        StatusCodes.Status405MethodNotAllowed => ApiProblem.Create(StatusCodes.Status405MethodNotAllowed, ApiErrorCodes.MethodNotAllowed,
            $"{context.Request.Path} does not accept {context.Request.Method}."),
        StatusCodes.Status413PayloadTooLarge => JsonBodies.TooLarge(),
        StatusCodes.Status415UnsupportedMediaType => ApiProblem.Create(StatusCodes.Status415UnsupportedMediaType,
            ApiErrorCodes.UnsupportedMediaType, "Send the body as JSON with 'Content-Type: application/json'."),
        var status => ApiProblem.Create(status, status >= 500 ? ApiErrorCodes.InternalError : Core.Engine.ErrorCodes.InvalidInput,
            "The request could not be handled."),
    };

    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}; answered 500 internal_error.")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
