using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Protection;

/// <summary>
/// The door of every real-time endpoint, checked before anything is set up: the page's <c>Origin</c>
/// (<see cref="OriginPolicy"/>), a client out of unknown room codes (<see cref="UnknownCodeGuard"/>, when a code is
/// named), and the connection caps (<see cref="ConnectionLimiter"/>). The game hub and the game WebSocket call it;
/// <see cref="UseBlazorCircuitAdmission"/> puts it in front of Blazor's own hub.
/// </summary>
public static class RealtimeAdmission
{
    /// <summary>Blazor's hub (the circuits of the pages).</summary>
    public const string BlazorHubPath = "/_blazor";

    /// <summary>Writes the refusal and answers false, or answers true when the request may go on.</summary>
    /// <param name="sessionCapped">False for an audience member: the room's audience cap bounds those, not the
    /// per-session connection cap (10,000 audience connections may watch one room).</param>
    public static async Task<bool> AdmitAsync(HttpContext context, string? code, bool opensConnection, bool sessionCapped = true)
    {
        var services = context.RequestServices;
        if (!services.GetRequiredService<OriginPolicy>().Allows(context.Request))
        {
            await OriginPolicy.Refusal(context.Request).WriteAsync(context);
            return false;
        }

        if (!opensConnection)
        {
            return true;
        }

        var client = ClientAddress.PartitionKey(context);
        if (code is not null && services.GetRequiredService<UnknownCodeGuard>().Check(client) is { } tooManyMisses)
        {
            await tooManyMisses.WriteAsync(context);
            return false;
        }

        var normalized = code is null ? null : RoomCodes.Normalize(code) ?? code;
        if (services.GetRequiredService<ConnectionLimiter>().Refusal(client, sessionCapped ? normalized : null) is { } full)
        {
            await full.WriteAsync(context);
            return false;
        }

        return true;
    }

    /// <summary>Whether a hub request opens a connection (negotiate, WebSocket upgrade, server-sent events).</summary>
    public static bool OpensConnection(HttpRequest request) =>
        request.Path.Value?.EndsWith("/negotiate", StringComparison.OrdinalIgnoreCase) == true
        || string.Equals(request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase)
        || request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The same door for Blazor circuits: a page from another origin, or a client at its connection cap, is refused
    /// before its circuit connection is negotiated. Place after the forwarded headers, so the cap counts clients.
    /// </summary>
    public static IApplicationBuilder UseBlazorCircuitAdmission(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(BlazorHubPath, StringComparison.OrdinalIgnoreCase)
                && !await AdmitAsync(context, code: null, OpensConnection(context.Request)))
            {
                return;
            }

            await next(context);
        });
}
