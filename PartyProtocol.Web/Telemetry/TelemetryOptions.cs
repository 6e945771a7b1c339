using System.ComponentModel.DataAnnotations;
using System.Net;

namespace PartyProtocol.Web.Telemetry;

/// <summary>
/// Telemetry settings (configuration section <c>Telemetry</c>). Nothing leaves the machine by default: the Prometheus
/// endpoint is off, and the OTLP exporter runs only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector.
/// </summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string SectionName = "Telemetry";

    /// <summary>The path of the Prometheus scrape endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The environment variable (and configuration key) that turns the OTLP exporter on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Serve <c>/metrics</c> in the Prometheus text format.</summary>
    public bool Prometheus { get; set; }

    /// <summary>Networks (CIDR) whose callers may read <c>/metrics</c>; empty means this machine only (127.0.0.0/8 and ::1).</summary>
    public string[] MetricsNetworks { get; set; } = [];

    internal IReadOnlyList<System.Net.IPNetwork> AllowedNetworks() => MetricsNetworks.Length == 0
        ? [System.Net.IPNetwork.Parse("127.0.0.0/8"), System.Net.IPNetwork.Parse("::1/128")]
        : [.. MetricsNetworks.Select(n => System.Net.IPNetwork.Parse(n))];

    /// <summary>Whether a caller may read the metrics (IPv4 callers on a dual-stack socket count as IPv4).</summary>
    internal static bool Allows(IReadOnlyList<System.Net.IPNetwork> networks, IPAddress? caller)
    {
        if (caller is null)
        {
            return false;
        }

        var address = caller.IsIPv4MappedToIPv6 ? caller.MapToIPv4() : caller;
        return networks.Any(n => n.Contains(address));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in MetricsNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"Telemetry:MetricsNetworks: '{network}' is not a network like 10.0.0.0/24.", [nameof(MetricsNetworks)]);
        }
    }
}
