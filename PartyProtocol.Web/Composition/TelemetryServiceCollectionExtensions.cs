using System.Reflection;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Scaleout;
using PartyProtocol.Web.Telemetry;

namespace PartyProtocol.Web.Composition;

/// <summary>
/// Metrics, traces and log scopes (see <see cref="PartyTelemetry"/>). The instruments always exist and cost nothing
/// unheard; OpenTelemetry is only set up when something will read it: the Prometheus endpoint
/// (<c>Telemetry:Prometheus=true</c>) or an OTLP collector (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>). Call it last, after
/// the engine and multi-instance mode have registered the store and the scheduler it wraps.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Meters of ASP.NET Core beyond those its instrumentation adds: Blazor circuits and SignalR connections.</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.AspNetCore.Components.Lifecycle",
        "Microsoft.AspNetCore.Http.Connections",
    ];

    private const string RequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static IHostApplicationBuilder AddPartyTelemetry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>()
            .BindConfiguration(TelemetryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(sp => new SessionCensus(sp.GetRequiredService<TimeProvider>()));
        Decorate<ISessionStore>(services, (inner, sp) =>
            new InstrumentedSessionStore(inner, inner is RedisSessionStore ? "redis" : "memory", sp.GetRequiredService<SessionCensus>()));
        Decorate<IDeadlineScheduler>(services, (inner, sp) => new InstrumentedDeadlineScheduler(inner,
            sp.GetRequiredService<ISessionStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<InstrumentedDeadlineScheduler>>()));
        services.AddSingleton(sp => new EventTelemetry(sp.GetRequiredService<GameEventBus>()));
        services.AddHostedService(sp => sp.GetRequiredService<EventTelemetry>());
        services.AddSingleton<HubTelemetryFilter>();
        services.Configure<HubOptions>(options => options.AddFilter<HubTelemetryFilter>());
        services.AddScoped<CircuitHandler, CircuitTelemetry>();

        // ASP.NET Core's request lines print the query string, and browsers' WebSocket and SignalR clients must carry their
        // session token there (?access_token=, ?session_token=): those lines stay off whatever the configuration says.
        // Traces record requests with the query's values redacted instead.
        builder.Logging.AddFilter(RequestLogCategory, level => level >= LogLevel.Warning);

        var telemetry = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[TelemetryOptions.OtlpEndpointVariable]);
        if (!telemetry.Prometheus && !otlp)
        {
            return builder;
        }

        var version = typeof(TelemetryServiceCollectionExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var openTelemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(PartyTelemetry.Name, serviceVersion: version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PartyTelemetry.Name).AddMeter(FrameworkMeters).AddAspNetCoreInstrumentation();
                if (telemetry.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (otlp)
        {
            // Traces and logs have somewhere to go only with a collector; the exporter reads the OTEL_EXPORTER_OTLP_* settings.
            openTelemetry
                .WithTracing(tracing => tracing.AddSource(PartyTelemetry.Name, "Npgsql").AddAspNetCoreInstrumentation())
                .WithLogging(configureBuilder: null, configureOptions: options =>
                {
                    options.IncludeScopes = true;
                    options.IncludeFormattedMessage = true;
                })
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// The room-code log scope for requests under a room's address, and <c>/metrics</c> (when enabled) for the
    /// configured networks only — checked after the forwarded headers, so a caller behind a proxy is judged by its own address.
    /// </summary>
    public static IApplicationBuilder UsePartyTelemetry(this IApplicationBuilder app)
    {
        app.Use(HttpTelemetry.ScopeByRoomAsync);
        var options = app.ApplicationServices.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.Prometheus)
        {
            var networks = options.AllowedNetworks();
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Request.Path == TelemetryOptions.MetricsPath && TelemetryOptions.Allows(networks, context.Connection.RemoteIpAddress));
        }

        return app;
    }

    /// <summary>Replaces the last registration of <typeparamref name="TService"/> with a decorator around it.</summary>
    private static void Decorate<TService>(IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(TService) && !d.IsKeyedService)
            ?? throw new InvalidOperationException($"{typeof(TService).Name} must be registered before telemetry decorates it.");
        services.Remove(descriptor);
        services.Add(ServiceDescriptor.Describe(typeof(TService), sp => decorate(Resolve<TService>(descriptor, sp), sp), descriptor.Lifetime));
    }

    private static TService Resolve<TService>(ServiceDescriptor descriptor, IServiceProvider services) where TService : class =>
        (TService)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
