using System.Buffers.Text;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Sessions;

public sealed class TokenTests
{
    [Fact]
    public async Task TokensCarryAtLeast128RandomBitsAndAreAllDifferent()
    {
        using var engine = new TestEngine();
        var games = new List<TestGame>();
        for (var i = 0; i < 20; i++)
        {
            games.Add(await engine.CreateAsync(null, "Ann", "Bob"));
        }

        var tokens = games.SelectMany(g => g.Players.Values.Select(p => p.PlayerToken).Append(g.OwnerToken)).ToList();

        Assert.All(tokens, token => Assert.True(Base64Url.DecodeFromChars(token).Length * 8 >= 128, token));
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, token => Assert.True(SessionTokens.IsWellFormed(token), token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 44 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")] // 43, but '+' is not base64url
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // an access token's shape
    public void OnlyTheShapeOfASessionTokenIsWellFormed(string token) => Assert.False(SessionTokens.IsWellFormed(token));

    [Fact]
    public async Task TheTokensOfOneSessionAreUnauthorizedOnAnother()
    {
        using var engine = new TestEngine();
        var a = await engine.CreateAsync(null, "Ann", "Bob");
        var b = await engine.CreateAsync(null, "Cy", "Dee");

        await engine.Service.GetViewAsync(b.Code, a.Token("Ann")).RefusedAsync(ErrorCodes.Unauthorized);
        await engine.Service.GetViewAsync(b.Code, a.OwnerToken).RefusedAsync(ErrorCodes.Unauthorized);
        await engine.Service.PlayAsync(b.Code, a.OwnerToken).RefusedAsync(ErrorCodes.Unauthorized);
        await engine.Service.RemovePlayerAsync(b.Code, b.Id("Cy"), a.OwnerToken).RefusedAsync(ErrorCodes.Unauthorized);
        await b.PlayAsync().OkAsync();
        await engine.Service.MoveAsync(b.Code, a.Token("Ann"), "submit_lie", new SubmitLie("from elsewhere")).RefusedAsync(ErrorCodes.Unauthorized);
        await engine.Service.PauseAsync(b.Code, a.OwnerToken).RefusedAsync(ErrorCodes.Unauthorized);
        await engine.Service.ExitAsync(b.Code, a.OwnerToken).RefusedAsync(ErrorCodes.Unauthorized);

        Assert.Empty((await b.StateAsync()).Lies);
        Assert.Equal("playing", (await b.ViewAsync()).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task AMissingOrMadeUpTokenIsUnauthorized(string? token)
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");

        await engine.Service.PlayAsync(game.Code, token).RefusedAsync(ErrorCodes.Unauthorized);
        await engine.Service.IdentifyAsync(game.Code, token).RefusedAsync(ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task OwnerOnlyMovesAreForbiddenWithAPlayerToken()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        var ann = game.Token("Ann");

        var refusal = await engine.Service.PlayAsync(game.Code, ann).RefusedAsync(ErrorCodes.Forbidden);
        await engine.Service.RemovePlayerAsync(game.Code, game.Id("Bob"), ann).RefusedAsync(ErrorCodes.Forbidden);
        await game.PlayAsync().OkAsync();
        await engine.Service.PauseAsync(game.Code, ann).RefusedAsync(ErrorCodes.Forbidden);
        await engine.Service.ExitAsync(game.Code, ann).RefusedAsync(ErrorCodes.Forbidden);
        foreach (var move in new[] { "mix_answers", "calculate_scores", "reveal_scoreboard", "start_round", "show_question", "finish_game" })
        {
            await engine.Service.MoveAsync(game.Code, ann, move, null).RefusedAsync(ErrorCodes.Forbidden);
        }

        Assert.Equal(ErrorKind.Forbidden, refusal.Kind);
        Assert.Equal("playing", (await game.ViewAsync()).Status);
        Assert.Equal(2, (await game.ViewAsync()).Players.Count);
    }

    [Fact]
    public async Task PlayerMovesAreForbiddenWithTheOwnerToken()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        await engine.Service.MoveAsync(game.Code, game.OwnerToken, "submit_lie", new SubmitLie("the host's lie")).RefusedAsync(ErrorCodes.Forbidden);
        await engine.Service.MoveAsync(game.Code, game.OwnerToken, "suggest_lies", null).RefusedAsync(ErrorCodes.Forbidden);
        await game.LieAllAsync(("Ann", "ann's lie"), ("Bob", "bob's lie"));
        var guess = await game.StateAsync();
        await engine.Service.MoveAsync(game.Code, game.OwnerToken, "submit_guess", new SubmitGuess(guess.Truth().Id)).RefusedAsync(ErrorCodes.Forbidden);
        await engine.Service.MoveAsync(game.Code, game.OwnerToken, "react", new React(guess.Truth().Id, "👍")).RefusedAsync(ErrorCodes.Forbidden);

        Assert.Empty((await game.StateAsync()).Guesses);
        Assert.Empty((await game.StateAsync()).Reactions);
    }

    [Fact]
    public async Task ATokenIdentifiesItsHolder()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann");

        var owner = await engine.Service.IdentifyAsync(game.Code, game.OwnerToken).OkAsync();
        var ann = await engine.Service.IdentifyAsync(game.Code, game.Token("Ann")).OkAsync();

        Assert.True(owner.IsOwner);
        Assert.Equal((false, ViewerKind.Player, game.Id("Ann")), (ann.IsOwner, ann.Viewer.Kind, ann.Viewer.PlayerId));
        Assert.Equal("player", (await game.ViewAsync("Ann")).You.Role);
    }

    [Fact]
    public void ATokenIsHashedOnceAndComparedWithEachStoredHash()
    {
        var token = SessionTokens.Create();
        Span<byte> hash = stackalloc byte[SessionTokens.HashBytes];

        Assert.True(SessionTokens.TryHash(token, hash));
        Assert.True(SessionTokens.Matches(hash, SessionTokens.Hash(token)));
        Assert.False(SessionTokens.Matches(hash, SessionTokens.Hash(SessionTokens.Create())));
        Assert.False(SessionTokens.TryHash("", hash));

        // The longest token compared, in characters of three UTF-8 bytes, still fits the hash's buffer; one more is refused.
        var widest = new string('€', 256);
        Assert.True(SessionTokens.Matches(widest, SessionTokens.Hash(widest)));
        Assert.False(SessionTokens.Matches(widest + "€", SessionTokens.Hash(widest + "€")));
    }
}
