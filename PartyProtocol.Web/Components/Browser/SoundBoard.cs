using Microsoft.JSInterop;

namespace PartyProtocol.Web.Components.Browser;

/// <summary>Sound settings as this browser remembers them.</summary>
public sealed record SoundSettings(double Volume, bool Muted);

/// <summary>
/// One page's sound (a scoped service: one per circuit): the screens name cues, the browser module
/// (wwwroot/js/sound.js) plays them. The TV plays by default; a phone only after its owner turns sound on. Every cue
/// asked for is also kept in <see cref="Requested"/>, so tests can hear what a screen would play.
/// </summary>
public sealed class SoundBoard(IJSRuntime js) : IAsyncDisposable
{
    private readonly List<string> _requested = [];
    private IJSObjectReference? _module;
    private Task<SoundSettings?>? _starting;

    /// <summary>The cues: lobby music, a player joined, a phase starts, the last five seconds, an answer revealed, the truth, applause.</summary>
    public static class Cues
    {
        public const string Join = "join";
        public const string Phase = "phase";
        public const string Reveal = "reveal";
        public const string Truth = "truth";
        public const string Applause = "applause";
    }

    /// <summary>Every cue asked for so far (newest last), heard or not.</summary>
    public IReadOnlyList<string> Requested
    {
        get
        {
            lock (_requested)
            {
                return [.. _requested];
            }
        }
    }

    /// <summary>This browser's settings once <see cref="StartAsync"/> ran (null before, or without a browser).</summary>
    public SoundSettings? Settings { get; private set; }

    /// <summary>Loads the module and this browser's settings for <paramref name="role"/> (<c>tv</c> or <c>phone</c>); once per page.</summary>
    public Task<SoundSettings?> StartAsync(string role) => _starting ??= StartOnceAsync(role);

    public async Task PlayAsync(string cue)
    {
        Record(cue);
        if (await ModuleAsync() is { } module)
        {
            await module.InvokeVoidAsync("play", cue);
        }
    }

    public async Task LoopAsync(bool on)
    {
        Record(on ? "loop:on" : "loop:off");
        if (await ModuleAsync() is { } module)
        {
            await module.InvokeVoidAsync("loop", on);
        }
    }

    /// <summary>Schedules a tick for each of the last five seconds of the clock, in the browser.</summary>
    public async Task CountdownAsync(long remainingMs, bool paused)
    {
        if (await ModuleAsync() is { } module)
        {
            await module.InvokeVoidAsync("countdown", remainingMs, paused);
        }
    }

    public async Task<SoundSettings?> ConfigureAsync(double volume, bool muted)
    {
        Settings = new SoundSettings(volume, muted);
        if (await ModuleAsync() is { } module)
        {
            Settings = await module.InvokeAsync<SoundSettings>("configure", volume, muted);
        }

        return Settings;
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("loop", false);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The page is gone, and its sound with it.
            }
        }
    }

    private async Task<SoundSettings?> StartOnceAsync(string role)
    {
        _module = await js.InvokeAsync<IJSObjectReference?>("import", "./js/sound.js");
        Settings = _module is null ? null : await _module.InvokeAsync<SoundSettings>("init", role);
        return Settings;
    }

    private async Task<IJSObjectReference?> ModuleAsync() => _starting is null ? null : await _starting is null ? null : _module;

    private void Record(string cue)
    {
        lock (_requested)
        {
            _requested.Add(cue);
            if (_requested.Count > 100)
            {
                _requested.RemoveAt(0);
            }
        }
    }
}
