using Microsoft.AspNetCore.Components.Server.Circuits;

namespace PartyProtocol.Web.Telemetry;

/// <summary>Counts this instance's Blazor circuits as connections of the <c>blazor</c> transport.</summary>
internal sealed class CircuitTelemetry : CircuitHandler
{
    private static readonly KeyValuePair<string, object?> Transport = new("transport", "blazor");

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        PartyTelemetry.Connections.Add(1, Transport);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        PartyTelemetry.Connections.Add(-1, Transport);
        return Task.CompletedTask;
    }
}
