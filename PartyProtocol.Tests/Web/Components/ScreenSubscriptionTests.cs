using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Components.Pages;
using PartyProtocol.Web.Components.Pages.Host;

namespace PartyProtocol.Tests.Web.Components;

/// <summary>
/// The screens' half of "no event is missed after connecting": a page subscribes to its session before its first read
/// of the view, and reads again when an event arrives while a read is under way. Each test commits a change at the
/// worst moment — after a read has taken its snapshot, before the page gets it — and requires the page to end up
/// showing it. A page that subscribed after its first read, or ignored events during a read, would stay one event behind.
/// </summary>
public sealed class ScreenSubscriptionTests : ScreensTestBase
{
    private ChangeAfterRead? _store;

    protected override TestEngine CreateEngine() => new(storeForService: inner => _store = new ChangeAfterRead(inner));

    [Fact]
    public async Task APageShowsAChangeCommittedWhileItsFirstReadWasUnderWay()
    {
        var game = await Engine.CreateAsync(null, "Ann");

        var cut = Render<ProbePage>(p => p
            .Add(s => s.Code, game.Code)
            .Add(s => s.AfterFirstSnapshot, () => game.JoinAsync("Ben")));

        var seq = (await game.ViewAsync()).Seq;
        cut.WaitForAssertion(() => Assert.Equal($"#{seq}: Ann, Ben", cut.Markup), Wait);
        Assert.True(cut.Instance.Reads >= 2, "the page read the view again after the event");
    }

    [Fact]
    public async Task TheHostScreenShowsEveryPlayerWhoJoinedWhileItWasReadingTheView()
    {
        // A watch-only screen: its first store read of the session is its first view read.
        var game = await Engine.CreateAsync(null, "Ann");
        _store!.ChangeAfterEachRead(game.Code, times: 3, n => game.JoinAsync($"Late {n}"));

        var cut = Render<HostScreen>(p => p.Add(s => s.Code, game.Code));

        cut.WaitForAssertion(() =>
        {
            foreach (var name in new[] { "Ann", "Late 1", "Late 2", "Late 3" })
            {
                Assert.Single(cut.FindAll($"[data-testid=lobby-players] [data-player='{name}']"));
            }
        }, Wait);
        Assert.Equal(3, _store.Changes);
        Assert.Equal("4 / 8", cut.Find("[data-testid=player-count]").TextContent);
    }

    /// <summary>The smallest page on <see cref="SessionPageBase"/>: reads the host view, runs a callback after its first snapshot.</summary>
    public sealed class ProbePage : SessionPageBase
    {
        private int _reads;

        [Parameter]
        public Func<Task>? AfterFirstSnapshot { get; set; }

        public int Reads => _reads;

        protected override async Task OnInitializedAsync()
        {
            if (RendererInfo.IsInteractive)
            {
                await RefreshAsync();
            }
        }

        protected override async Task<Result<SessionView>> ReadViewAsync(CancellationToken cancellationToken)
        {
            var view = await Games.GetViewAsync(RoomCode, (string?)null, cancellationToken);
            if (Interlocked.Increment(ref _reads) == 1 && AfterFirstSnapshot is { } change)
            {
                await change();
            }

            return view;
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder) =>
            builder.AddContent(0, View is null ? "" : $"#{View.Seq}: {string.Join(", ", View.Players.Select(p => p.Name))}");
    }

    /// <summary>
    /// The game service's store, which for one session can commit a change right after a read took its snapshot and
    /// before the reader gets it — for the first few reads that are not the change's own.
    /// </summary>
    private sealed class ChangeAfterRead(ISessionStore inner) : ISessionStore
    {
        private static readonly AsyncLocal<bool> Changing = new();
        private string? _code;
        private Func<int, Task>? _change;
        private int _left;
        private int _changes;

        public int Changes => Volatile.Read(ref _changes);

        public void ChangeAfterEachRead(string code, int times, Func<int, Task> change)
        {
            _code = code;
            _change = change;
            Volatile.Write(ref _left, times);
        }

        public async ValueTask<Session?> GetAsync(string code, CancellationToken cancellationToken = default)
        {
            var session = await inner.GetAsync(code, cancellationToken);
            if (!Changing.Value && code == _code && Interlocked.Decrement(ref _left) >= 0)
            {
                Changing.Value = true;
                await _change!(Interlocked.Increment(ref _changes));
            }

            return session;
        }

        public ValueTask<bool> TryCreateAsync(Session session, CancellationToken cancellationToken = default) =>
            inner.TryCreateAsync(session, cancellationToken);

        public ValueTask<bool> TryUpdateAsync(Session session, long expectedVersion, CancellationToken cancellationToken = default) =>
            inner.TryUpdateAsync(session, expectedVersion, cancellationToken);

        public ValueTask DeleteAsync(string code, CancellationToken cancellationToken = default) => inner.DeleteAsync(code, cancellationToken);
    }
}
