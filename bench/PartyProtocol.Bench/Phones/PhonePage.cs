using Microsoft.Playwright;

namespace PartyProtocol.Bench.Phones;

/// <summary>One page of a room: a phone (a seat) or the room's TV, with the probe's log of when it showed each seq.</summary>
public sealed class PhonePage(PhoneRoom room, IBrowserContext context, IPage page, string? name)
{
    public PhoneRoom Room => room;

    public IPage Page => page;

    public IBrowserContext Context => context;

    /// <summary>The player's name, or null for the TV.</summary>
    public string? Name => name;

    public bool IsTv => name is null;

    /// <summary>(seq, epoch ms) pairs recorded since the last call.</summary>
    public async Task<IReadOnlyList<(long Seq, double At)>> TakeLogAsync()
    {
        var rows = await page.EvaluateAsync<double[][]>("() => window.__pp ? window.__pp.take() : []");
        return [.. rows.Select(r => ((long)r[0], r[1]))];
    }

    /// <summary>Waits until the page shows the given seq (or a later one).</summary>
    public Task ShowsAsync(long seq, float timeoutMs) =>
        page.WaitForFunctionAsync("s => window.__pp && window.__pp.seq() >= s", seq, new() { PollingInterval = 50, Timeout = timeoutMs });
}
