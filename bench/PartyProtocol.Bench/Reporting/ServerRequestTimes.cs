using System.Globalization;
using System.Text.RegularExpressions;

namespace PartyProtocol.Bench.Reporting;

/// <summary>
/// The servers' own time per request, by route: OpenTelemetry's <c>http.server.request.duration</c> histogram from
/// each server's <c>/metrics</c> (served with <c>Telemetry:Prometheus=true</c>: <c>--server-env Telemetry__Prometheus=true</c>
/// for the servers the tool starts), summed over instances, between two readings. Not on by default: collecting metrics
/// costs each connection a little memory (Kestrel keeps a metrics context per connection while it is listened to), and
/// the memory per idle connection is a figure of its own. It counts from the moment a request starts to its
/// answer; what a request waited before the server started it (a busy thread pool, the socket) is the difference to
/// the client's figure. Quantiles are the histogram's bucket bounds: "p99 ≤ 75 ms".
/// </summary>
public sealed partial class ServerRequestTimes
{
    private readonly Dictionary<string, SortedDictionary<double, double>> _buckets;

    private ServerRequestTimes(Dictionary<string, SortedDictionary<double, double>> buckets) => _buckets = buckets;

    /// <summary>Null when a server does not serve <c>/metrics</c> or has no request histogram.</summary>
    public static async Task<ServerRequestTimes?> ReadAsync(HttpClient http, IReadOnlyList<Uri> servers, CancellationToken cancellationToken)
    {
        var buckets = new Dictionary<string, SortedDictionary<double, double>>(StringComparer.Ordinal);
        foreach (var server in servers)
        {
            string text;
            try
            {
                using var response = await http.GetAsync(new Uri(server, "metrics"), cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                text = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (HttpRequestException)
            {
                return null;
            }

            foreach (Match line in BucketLine().Matches(text))
            {
                var labels = Label().Matches(line.Groups["labels"].Value).ToDictionary(l => l.Groups["name"].Value, l => l.Groups["value"].Value);
                if (!labels.TryGetValue("http_route", out var route) || !labels.TryGetValue("le", out var le))
                {
                    continue;
                }

                var key = $"{labels.GetValueOrDefault("http_request_method", "?")} {route}";
                var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
                var perRoute = buckets.TryGetValue(key, out var existing) ? existing : buckets[key] = [];
                perRoute[bound] = perRoute.GetValueOrDefault(bound) + double.Parse(line.Groups["count"].Value, CultureInfo.InvariantCulture);
            }
        }

        return buckets.Count == 0 ? null : new ServerRequestTimes(buckets);
    }

    /// <summary>The routes whose name contains one of <paramref name="routes"/>, from <paramref name="before"/> to this reading.</summary>
    public IReadOnlyList<RouteTime> Since(ServerRequestTimes? before, params string[] routes) =>
        _buckets.Where(b => routes.Any(r => b.Key.EndsWith(r, StringComparison.Ordinal)))
            .Select(b => Summarize(b.Key, b.Value, before?._buckets.GetValueOrDefault(b.Key)))
            .Where(t => t.Count > 0)
            .OrderBy(t => t.Route, StringComparer.Ordinal)
            .ToList();

    private static RouteTime Summarize(string route, SortedDictionary<double, double> now, SortedDictionary<double, double>? before)
    {
        // Prometheus buckets are cumulative: each holds every request at or under its bound.
        var cumulative = now.Select(b => (Bound: b.Key, Count: b.Value - (before?.GetValueOrDefault(b.Key) ?? 0))).ToList();
        var total = (long)cumulative[^1].Count;
        double? At(double share) => cumulative.FirstOrDefault(b => b.Count >= share * total) is { Count: > 0 } hit
            ? double.IsPositiveInfinity(hit.Bound) ? null : hit.Bound * 1000
            : null;
        return new RouteTime(route, total, At(0.5), At(0.99), At(1.0));
    }

    // The labels run to the line's last "} ": a route's own braces ("/api/sessions/{code}/guesses") are inside them.
    [GeneratedRegex(@"^http_server_request_duration_seconds_bucket\{(?<labels>.*)\} (?<count>\S+)", RegexOptions.Multiline)]
    private static partial Regex BucketLine();

    [GeneratedRegex("(?<name>\\w+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Label();
}

/// <summary>One route's requests in the servers' own time: how many, and the bucket bounds (ms) of the median, p99 and slowest; null past the last bound.</summary>
public sealed record RouteTime(string Route, long Count, double? P50AtMostMs, double? P99AtMostMs, double? MaxAtMostMs);
