using System.Diagnostics;

namespace PartyProtocol.Web.Telemetry;

/// <summary>Carries a trace across instances inside a bridged event (W3C traceparent), so one move is one trace.</summary>
internal static class TraceContext
{
    /// <summary>The current span's traceparent, or null when nothing is traced.</summary>
    public static string? Current() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>A span for handling a message from another instance, continuing the sender's trace when it sent one.</summary>
    public static Activity? StartReceive(string name, string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent)
            ? PartyTelemetry.Source.StartActivity(name, ActivityKind.Consumer, parent)
            : PartyTelemetry.Source.StartActivity(name, ActivityKind.Consumer);
}
