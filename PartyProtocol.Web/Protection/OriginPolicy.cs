using Microsoft.Extensions.Options;
using PartyProtocol.Web.Api;
using PartyProtocol.Web.Composition;

namespace PartyProtocol.Web.Protection;

/// <summary>
/// Which web pages may open real-time connections (the game hub, the game WebSocket, Blazor circuits): a browser
/// always says in <c>Origin</c> which site a page came from, and WebSockets are not covered by CORS, so without this
/// check any site a player visits could connect in their name. Allowed: no <c>Origin</c> at all (scripts, apps, the
/// bench), the server's own host, <c>Screens:PublicUrl</c> and <c>Realtime:AllowedOrigins</c>.
/// </summary>
public sealed class OriginPolicy
{
    private readonly bool _anyOrigin;
    private readonly HashSet<string> _allowed = new(StringComparer.OrdinalIgnoreCase);

    public OriginPolicy(IOptions<RealtimeOptions> realtime, IOptions<ScreensOptions> screens)
    {
        _anyOrigin = realtime.Value.AllowedOrigins.Contains("*");
        foreach (var origin in realtime.Value.AllowedOrigins.Append(screens.Value.PublicUrl))
        {
            if (origin is not null && TryParse(origin, out var allowed))
            {
                _allowed.Add(allowed);
            }
        }
    }

    /// <summary>Whether the request's page (if any) may connect.</summary>
    public bool Allows(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || _anyOrigin)
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            // "null" (sandboxed frames, file: pages) and anything else that is not a web origin.
            return false;
        }

        return SameHost(uri, request.Host) || _allowed.Contains(Canonical(uri));
    }

    /// <summary>The refusal, as every real-time endpoint answers it.</summary>
    public static ApiProblem Refusal(HttpRequest request) =>
        ApiProblem.Create(StatusCodes.Status403Forbidden, ApiErrorCodes.OriginNotAllowed,
            $"Pages from {request.Headers.Origin} may not connect here. The operator can allow them in Realtime:AllowedOrigins.");

    /// <summary>Parses an origin (<c>scheme://host[:port]</c>, a path is ignored) into its canonical form.</summary>
    public static bool TryParse(string value, out string origin)
    {
        origin = string.Empty;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        origin = Canonical(uri);
        return true;
    }

    private static string Canonical(Uri uri) => $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}".ToLowerInvariant();

    // The page came from the very host the request was sent to (its Host header, which a browser sets itself). The
    // scheme is not compared: behind a proxy that ends TLS the page is https and the request here http.
    private static bool SameHost(Uri origin, HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host.Trim('[', ']');
        var sameName = string.Equals(origin.IdnHost, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(origin.Host.Trim('[', ']'), name, StringComparison.OrdinalIgnoreCase);
        return sameName && (host.Port is { } port ? origin.Port == port : origin.IsDefaultPort);
    }
}
