using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Realtime;
using PartyProtocol.Web.Scaleout;
using StackExchange.Redis;

namespace PartyProtocol.Web.Composition;

/// <summary>
/// Multi-instance mode. Without <c>ConnectionStrings:Redis</c> this adds only the health checks and the embedded
/// in-memory engine stays as it is. With it, the session store, the deadlines, the event bus and SignalR all move to
/// Redis, so any instance serves any request for any session, and presence counts every instance's connections.
/// Call it after <c>AddGameEngine</c>.
/// </summary>
public static class ScaleoutServiceCollectionExtensions
{
    public const string ConnectionStringName = "Redis";

    /// <summary>The Data Protection application name every instance shares in multi-instance mode.</summary>
    public const string DataProtectionApplicationName = "PartyProtocol";

    /// <summary>
    /// The Data Protection key ring in Redis, shared by every instance (needs <see cref="IConnectionMultiplexer"/>,
    /// <see cref="RedisKeys"/> and <see cref="TimeProvider"/>). Instances that start together on an empty ring agree on
    /// one first key (<see cref="SharedKeyRingRepository"/>).
    /// </summary>
    internal static IServiceCollection AddRedisKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer, RedisKeys, TimeProvider>((options, redis, keys, time) =>
            options.XmlRepository = new SharedKeyRingRepository(redis, keys, time));
        return services;
    }

    public static IServiceCollection AddScaleout(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthChecks();
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        services.AddOptions<RedisScaleoutOptions>()
            .BindConfiguration(RedisScaleoutOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IConnectionMultiplexer>(sp => RedisConnection.Connect(connectionString,
            sp.GetRequiredService<GameEventBus>().InstanceId, sp.GetRequiredService<ILoggerFactory>().CreateLogger("PartyProtocol.Web.Scaleout")));
        services.AddSingleton(sp => new RedisKeys(sp.GetRequiredService<IOptions<RedisScaleoutOptions>>().Value.KeyPrefix));
        services.AddSingleton<SessionCodec>();
        services.AddSingleton<RedisAvailability>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisAvailability>());

        services.AddSingleton<RedisSessionStore>();
        services.Replace(ServiceDescriptor.Singleton<ISessionStore>(sp => sp.GetRequiredService<RedisSessionStore>()));
        services.AddSingleton<RedisAudienceStore>();
        services.Replace(ServiceDescriptor.Singleton<Core.Audience.IAudienceStore>(sp => sp.GetRequiredService<RedisAudienceStore>()));
        services.AddSingleton<RedisDeadlineScheduler>();
        services.Replace(ServiceDescriptor.Singleton<IDeadlineScheduler>(sp => sp.GetRequiredService<RedisDeadlineScheduler>()));
        services.AddHostedService(sp => sp.GetRequiredService<RedisDeadlineScheduler>());
        services.AddSingleton<RedisEventBridge>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisEventBridge>());
        services.AddSingleton<RedisPresence>();
        services.AddSingleton<IClusterPresence>(sp => sp.GetRequiredService<RedisPresence>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisPresence>());

        // One key ring for every instance: what one instance encrypted (a phone's or the host's token in protected
        // browser storage, an account's cookie or access token) the others can read, so a reload that lands on
        // another instance — after a drain, or when an instance dies — keeps its seat and its sign-in. The
        // application name replaces the default discriminator (the install path), which may differ between machines.
        services.AddRedisKeyRing();

        // Game events reach hub clients from each instance's own sequenced bus (GameHubConnection), never through the
        // backplane; it carries what a hub sends to connections on other instances (Clients.All, groups, users).
        var prefix = configuration.GetSection(RedisScaleoutOptions.SectionName)[nameof(RedisScaleoutOptions.KeyPrefix)] ?? new RedisScaleoutOptions().KeyPrefix;
        services.AddSignalR().AddStackExchangeRedis(connectionString, options =>
        {
            options.Configuration.ChannelPrefix = RedisChannel.Literal(prefix + "signalr");
            options.Configuration.AbortOnConnectFail = false;
            RedisConnection.UseThreadPool(options.Configuration);
        });

        services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>(RedisHealthCheck.Name)
            .AddCheck<DeadlinesHealthCheck>(DeadlinesHealthCheck.Name)
            .AddCheck<EventsHealthCheck>(EventsHealthCheck.Name);
        return services;
    }
}
