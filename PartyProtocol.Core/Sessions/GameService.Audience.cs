using System.Globalization;
using PartyProtocol.Core.Audience;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Sessions;

/// <summary>
/// The audience: people beyond the seats who watch and vote. Nothing here writes to the session: a member's token
/// proves itself (<see cref="AudienceTokens"/>), and members and votes are counted in the <see cref="IAudienceStore"/>.
/// </summary>
public sealed partial class GameService
{
    private readonly IAudienceStore _audience;

    /// <summary>Raised (with the room code) when the audience's count or a vote changed here, for the screens' throttled updates.</summary>
    public event Action<string>? AudienceChanged;

    /// <summary>The audience's counters.</summary>
    public IAudienceStore AudienceStore => _audience;

    /// <summary>
    /// join as audience: a new member's id and token; or — with an audience token of this session — the same member
    /// again, counted once. Refused with <c>audience_off</c> when the host turned the audience off, <c>audience_full</c>
    /// at the room's cap. Anyone may join at any time, also while the game runs and when every seat is taken.
    /// </summary>
    public async Task<Result<JoinedAudience>> JoinAudienceAsync(string code, string? token, CancellationToken cancellationToken = default)
    {
        try
        {
            var session = await LoadAsync(code, cancellationToken);
            if (session is null)
            {
                return NotFound(code);
            }

            if (AudienceTokens.Verify(session, token) is { } known)
            {
                return new JoinedAudience(known, token!, Rejoined: true);
            }

            switch (await _audience.JoinAsync(session.Code, cancellationToken))
            {
                case AudienceJoin.Off:
                    return AudienceOff();
                case AudienceJoin.Full:
                    var room = await _audience.GetRoomAsync(session.Code, cancellationToken);
                    return new GameError(ErrorCodes.AudienceFull, $"The audience of this room is full ({room.Cap:N0} people).", ErrorKind.Conflict);
            }

            AudienceChanged?.Invoke(session.Code);
            var (id, newToken) = AudienceTokens.Create(session);
            return new JoinedAudience(id, newToken, Rejoined: false);
        }
        catch (SessionStoreUnavailableException)
        {
            return Unavailable();
        }
    }

    /// <summary>The room's audience: whether it is open, its cap, its members and the latest vote.</summary>
    public async Task<Result<AudienceView>> GetAudienceAsync(string code, CancellationToken cancellationToken = default)
    {
        try
        {
            var session = await LoadAsync(code, cancellationToken);
            return session is null ? NotFound(code) : await AudienceViewAsync(session.Code, cancellationToken);
        }
        catch (SessionStoreUnavailableException)
        {
            return Unavailable();
        }
    }

    /// <summary>Owner control: turns the audience on or off and sets its cap (members already in stay in).</summary>
    public async Task<Result<AudienceView>> SetAudienceAsync(string code, string? token, bool? open, int? cap, CancellationToken cancellationToken = default)
    {
        try
        {
            var session = await LoadAsync(code, cancellationToken);
            if (session is null)
            {
                return NotFound(code);
            }

            if (RequireOwner(session, token) is { } refused)
            {
                return refused;
            }

            if (cap is < 0 or > AudienceRoom.MaxCap)
            {
                return GameError.Invalid("cap", new FieldError("audience_cap",
                    string.Create(CultureInfo.InvariantCulture, $"The audience cap is 0–{AudienceRoom.MaxCap:N0}."), AudienceRoom.MaxCap));
            }

            var room = await _audience.GetRoomAsync(session.Code, cancellationToken);
            await _audience.SetRoomAsync(session.Code, open ?? room.Open, cap ?? room.Cap, cancellationToken);
            AudienceChanged?.Invoke(session.Code);
            return await AudienceViewAsync(session.Code, cancellationToken);
        }
        catch (SessionStoreUnavailableException)
        {
            return Unavailable();
        }
    }

    private async Task<Result<AudienceView>> AudienceViewAsync(string code, CancellationToken cancellationToken)
    {
        var room = await _audience.GetRoomAsync(code, cancellationToken);
        var snapshot = await _audience.SnapshotAsync(code, cancellationToken);
        return new AudienceView(room.Open, room.Cap, room.Members, AudienceVoteView.Of(snapshot));
    }

    /// <summary>
    /// An audience move: the cartridge checks it against the state and names the choice; the store counts it once per
    /// member in the open vote. The session is read, never written.
    /// </summary>
    private async Task<Result<MoveReply>> AudienceMoveAsync(string code, string token, string move, object? payload, CancellationToken cancellationToken)
    {
        try
        {
            var session = await LoadAsync(code, cancellationToken);
            if (session is null)
            {
                return NotFound(code);
            }

            var cartridge = _cartridges.Get(session.GameKey);
            var definition = cartridge.Moves.FirstOrDefault(m => m.Name == move);
            if (definition is null)
            {
                return GameError.UnknownMove(cartridge.Name, move);
            }

            if (AudienceTokens.Verify(session, token) is not { } audienceId)
            {
                return BadAudienceToken();
            }

            if (definition.Actor != MoveActor.Audience)
            {
                return ErrorCodes.WrongActor(definition.Actor);
            }

            switch (session.Status)
            {
                case SessionStatus.Lobby:
                    return new GameError(ErrorCodes.VoteClosed, "The game has not started yet; the audience votes during the game.", ErrorKind.Conflict);
                case SessionStatus.Paused:
                    return new GameError(ErrorCodes.Paused, "The game is paused. Wait for the host to resume it.", ErrorKind.Conflict);
                case SessionStatus.Finished:
                    return new GameError(ErrorCodes.VoteClosed, "This game is over.", ErrorKind.Conflict);
            }

            var typed = ConvertPayload(definition, payload);
            if (!typed.IsSuccess)
            {
                return typed.Error;
            }

            var now = _time.GetUtcNow();
            var ballot = cartridge.Ballot(session.Settings, session.State!, PlayerInfos(session, now), now, Remaining(session, now), session.Seed,
                move, typed.Value);
            if (!ballot.IsSuccess)
            {
                return ballot.Error;
            }

            // One store call: the store refuses a vote while the audience is off, atomically with counting it.
            switch (await _audience.VoteAsync(session.Code, ballot.Value.Key, audienceId, ballot.Value.Choice, cancellationToken))
            {
                case VoteOutcome.Off:
                    return AudienceOff();
                case VoteOutcome.AlreadyVoted:
                    return new GameError(ErrorCodes.AlreadySubmitted, "You already voted in this one.", ErrorKind.Conflict);
                case VoteOutcome.Closed:
                    return new GameError(ErrorCodes.VoteClosed, "Too late: this vote has closed.", ErrorKind.Conflict);
            }

            AudienceChanged?.Invoke(session.Code);
            return new MoveReply(session.Seq, new VoteCounted(ballot.Value.Key, ballot.Value.Choice));
        }
        catch (SessionStoreUnavailableException)
        {
            return Unavailable();
        }
    }

    private Result<SessionCaller> IdentifyAudience(Session session, string token) =>
        AudienceTokens.Verify(session, token) is not null
            ? new SessionCaller(session.Code, Viewer.Audience, IsOwner: false, session.GameKey)
            : BadAudienceToken();

    /// <summary>The audience vote <paramref name="after"/> leaves behind: open before the step, not after it.</summary>
    private string? ClosingVote(Session before, Session? after)
    {
        if (after is null || before.State is null || before.Status is not (SessionStatus.Playing or SessionStatus.Paused))
        {
            return null;
        }

        var cartridge = _cartridges.Get(before.GameKey);
        var open = cartridge.OpenVote(before.State);
        return open is not null && (after.State is null || after.Status == SessionStatus.Finished || cartridge.OpenVote(after.State) != open)
            ? open
            : null;
    }

    private async Task<AudienceTally> CloseVoteAsync(string code, string key, CancellationToken cancellationToken)
    {
        var tally = await _audience.CloseAsync(code, key, cancellationToken);
        AudienceChanged?.Invoke(code);
        return tally;
    }

    private static GameError BadAudienceToken() =>
        new(ErrorCodes.Unauthorized, "That audience token is not valid for this session.", ErrorKind.Unauthorized);

    private static GameError AudienceOff() =>
        new(ErrorCodes.AudienceOff, "The host has turned the audience off for this room.", ErrorKind.Conflict);
}

/// <summary>What joining as audience returns: the member's id and token (keep it to come back as the same member).</summary>
public sealed record JoinedAudience(string AudienceId, string AudienceToken, bool Rejoined);

/// <summary>The reply of an audience move: the vote it was counted in and the choice.</summary>
public sealed record VoteCounted(string Vote, string Choice);

/// <summary>A room's audience: open or off, its cap, its members and the latest vote.</summary>
public sealed record AudienceView(bool Open, int Cap, long Members, AudienceVoteView? Vote);

/// <summary>The audience's combined vote as every screen sees it.</summary>
/// <param name="Key">Which vote (for example <c>guess-3</c>).</param>
/// <param name="Open">False once its phase ended: the counts are final.</param>
/// <param name="Counts">Choice → members who picked it.</param>
/// <param name="Total">Members who voted.</param>
public sealed record AudienceVoteView(string Key, bool Open, IReadOnlyDictionary<string, int> Counts, int Total)
{
    public static AudienceVoteView? Of(AudienceSnapshot snapshot) =>
        snapshot.Vote is { } vote ? new AudienceVoteView(vote.Key, snapshot.VoteOpen, vote.Counts, vote.Total) : null;
}
