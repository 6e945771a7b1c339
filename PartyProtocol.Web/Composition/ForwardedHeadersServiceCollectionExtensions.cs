using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace PartyProtocol.Web.Composition;

/// <summary>
/// The reverse proxies this instance believes (configuration section <c>ForwardedHeaders</c>). Behind nginx every
/// request comes from the proxy's address; only a proxy listed here may say, in <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c>, who the client really is — so rate limits count clients, not the proxy, and nobody can
/// dodge them by sending the header themselves. Nothing listed (the default): the headers are ignored.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. <c>["10.0.0.5"]</c> or <c>["127.0.0.1"]</c> for nginx on the same machine.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>["10.0.0.0/24"]</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies, from the nearest outwards, may each add an address to <c>X-Forwarded-For</c>.</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public bool Enabled => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownNetworks: '{network}' is not a network like 10.0.0.0/24.", [nameof(KnownNetworks)]);
        }
    }
}

/// <summary>Honours X-Forwarded-For and X-Forwarded-Proto from the configured proxies only.</summary>
public static class ForwardedHeadersServiceCollectionExtensions
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>()
            .BindConfiguration(ProxyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((options, proxies) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = proxies.Value.ForwardLimit;
            // ASP.NET Core trusts loopback by default; here only what the operator listed counts.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.Value.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after it (rate limits, logs, links) sees the client's address and scheme.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<ProxyOptions>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
