using System.ComponentModel.DataAnnotations;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// Multi-instance settings (configuration section <c>Redis</c>). They only apply when the connection string
/// <c>ConnectionStrings:Redis</c> is set; every instance behind one load balancer must use the same values.
/// </summary>
public sealed class RedisScaleoutOptions
{
    public const string SectionName = "Redis";

    /// <summary>Prefix of every key and channel this app uses, so several deployments (or tests) can share one Redis.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9:_.\-]{1,80}$", ErrorMessage = "Use 1-80 letters, digits, ':', '_', '.' or '-'.")]
    public string KeyPrefix { get; set; } = "pp:";

    /// <summary>
    /// How often each instance looks for due deadlines even without a notification: the upper bound on how late a
    /// deadline fires when the instance that scheduled it died before telling the others.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan DeadlineScanInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a claimed deadline stays reserved for its claimer before another instance may fire it again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DeadlineLease { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an event that arrived ahead of an earlier one is held before the gap is resynchronised.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan GapTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long Redis may leave a PING unanswered before the instance counts it unavailable: calls then fail at once
    /// with 503 <c>unavailable</c> (calls already waiting are released) until Redis answers again. A stalled Redis keeps
    /// its connections open and answers nothing, so without this a call would wait for the client's 5 s timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMilliseconds(600);

    /// <summary>How often an instance checks its pub/sub subscriptions by sending itself a message through Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);
}
