using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Bench.Clients;

/// <summary>
/// Timed JSON requests: every call records its latency under an endpoint name, and every failure is classified as
/// an error or — for the codes the caller names as expected (a move racing a deadline) — a refusal.
/// </summary>
public sealed class RestClient(HttpClient http, RunMetrics metrics)
{
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = int.MaxValue,
        UseProxy = false,
        UseCookies = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public RunMetrics Metrics => metrics;

    public HttpClient Http => http;

    /// <summary>Sends a request; the parsed JSON body on 2xx, otherwise null (after recording why).</summary>
    public async Task<JsonElement?> SendAsync(string endpoint, HttpMethod method, Uri uri, string? token, object? body,
        CancellationToken cancellationToken, params string[] expectedRefusals)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: GameJson.Options);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            metrics.RestCompleted(endpoint, Stopwatch.GetTimestamp() - started);
            if (response.IsSuccessStatusCode)
            {
                return content.Length == 0 ? default(JsonElement) : JsonSerializer.Deserialize<JsonElement>(content);
            }

            var code = ProblemCode(content);
            metrics.Refused(code, expectedRefusals, $"http_{(int)response.StatusCode}_{code ?? "no_code"}",
                $"{method} {uri.AbsolutePath} ({endpoint}): {System.Text.Encoding.UTF8.GetString(content.AsSpan(0, Math.Min(content.Length, 300)))}");
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            metrics.Error("rest_exception", $"{method} {uri.AbsolutePath} ({endpoint}): {ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }

    private static string? ProblemCode(byte[] content)
    {
        try
        {
            using var problem = JsonDocument.Parse(content);
            return problem.RootElement.ValueKind == JsonValueKind.Object
                && problem.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
