using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Web.Audience;

namespace PartyProtocol.Tests.Web.Audience;

/// <summary>
/// Holds the audience's only thread (<c>Audience:SenderThreads=1</c>) until <see cref="ReleaseAsync"/> or disposal: whatever
/// the audience is sent, and whatever its WebSockets send, waits behind it while the players' side goes on.
/// </summary>
internal sealed class AudienceThreadHold : IAsyncDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private Task _held = Task.CompletedTask;

    private AudienceThreadHold()
    {
    }

    public static async Task<AudienceThreadHold> StartAsync(IServiceProvider services)
    {
        var hold = new AudienceThreadHold();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fanout = services.GetRequiredService<AudienceFanout>();
        hold._held = Task.Run(async () =>
        {
            await fanout.SwitchTo();
            holding.SetResult();
            hold._release.Wait(TimeSpan.FromMinutes(1));
        });
        await holding.Task;
        return hold;
    }

    /// <summary>Lets the thread go and waits until it is free.</summary>
    public async Task ReleaseAsync()
    {
        _release.Set();
        await _held;
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        _release.Dispose();
    }
}
