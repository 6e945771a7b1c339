namespace PartyProtocol.Tests.Web.Telemetry;

/// <summary>
/// Metrics are process-wide: every app instance in this test process records into the same instruments. The tests
/// that count exactly run alone, after the parallel ones, and compare a scrape before with one after.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry (alone)";
}
