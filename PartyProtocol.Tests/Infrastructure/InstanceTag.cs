using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace PartyProtocol.Tests.Infrastructure;

/// <summary>
/// Test-only: every response of an instance says which instance answered (<see cref="Header"/>), so a test in front of a
/// load balancer can tell where a request went.
/// </summary>
public static class InstanceTag
{
    public const string Header = "X-Test-Instance";

    public static PartyAppFactory WithInstanceTag(this PartyAppFactory app, string tag) =>
        app.WithServices(services => services.AddSingleton<IStartupFilter>(new Filter(tag)));

    private sealed class Filter(string tag) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Response.Headers[Header] = tag;
                return following(context);
            });
            next(app);
        };
    }
}
