using System.ComponentModel.DataAnnotations;

namespace PartyProtocol.Web.Protection;

/// <summary>Limits and checks on real-time connections (configuration section <c>Realtime</c>).</summary>
public sealed class RealtimeOptions : IValidatableObject
{
    public const string SectionName = "Realtime";

    /// <summary>
    /// Live real-time connections one client (an IPv4 address or an IPv6 /64) may hold at once: hub connections,
    /// game WebSockets and Blazor circuits together. A phone holds one or two; a household behind one address a dozen.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerAddress { get; set; } = 100;

    /// <summary>Live hub connections and game WebSockets one session may have (Quiz seats 100 players; screens come on top).</summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerSession { get; set; } = 300;

    /// <summary>
    /// Browser origins allowed to open real-time connections besides the server's own address and
    /// <c>Screens:PublicUrl</c>, e.g. <c>["https://party.example.com"]</c>; <c>["*"]</c> allows every origin.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Whether the plain game WebSocket may negotiate per-message compression (permessage-deflate) when a client asks
    /// for it. Off by default: it costs memory per socket and mixes secrets with attacker-chosen text (CRIME/BREACH).
    /// </summary>
    public bool WebSocketCompression { get; set; }

    /// <summary>
    /// Whether a connection's socket reads and writes run on the thread that asked for them instead of being queued
    /// to Kestrel's I/O queues on the thread pool (Kestrel's <c>UnsafePreferInlineScheduling</c>; the runtime still
    /// completes socket reads on the thread pool, so no request runs on the socket engine's own thread). On by default:
    /// queued, every frame to a 10,000-member audience was one item in the same first-come queue as a player's
    /// answer, which waited behind up to 5,000 of them; inline, the audience's frames are written on the audience's own
    /// threads, below the players in priority (<c>Audience:SenderNiceness</c>).
    /// </summary>
    public bool InlineSocketScheduling { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins.Where(o => o != "*" && !OriginPolicy.TryParse(o, out _)))
        {
            yield return new ValidationResult($"Realtime:AllowedOrigins: '{origin}' is not an origin like https://party.example.com.",
                [nameof(AllowedOrigins)]);
        }
    }
}
