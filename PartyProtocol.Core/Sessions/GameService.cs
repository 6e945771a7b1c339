using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using PartyProtocol.Core.Audience;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Moderation;

namespace PartyProtocol.Core.Sessions;

/// <summary>
/// The one service layer: the Razor screens, the REST endpoints and both real-time transports call it. Every command
/// on a session is decided by a pure function of the current session, committed with compare-and-swap on the
/// session's version (retried on conflict, never half-applied), and its events are published in seq order.
/// </summary>
public sealed partial class GameService
{
    private const int MaxAttempts = 32;
    // Per service, not static: two app instances hosted in one process (the multi-instance tests) must contend
    // through the store's compare-and-swap exactly as separate processes do.
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    private readonly CartridgeRegistry _cartridges;
    private readonly ISessionStore _store;
    private readonly GameEventBus _bus;
    private readonly IDeadlineScheduler _scheduler;
    private readonly TimeProvider _time;
    private readonly GameSessionOptions _options;
    private readonly ProfanityFilter _profanity;

    /// <param name="profanity">Family-friendly mode's word list for nicknames (the shipped list by default).</param>
    /// <param name="audience">Where the audience's members and votes are counted (in this process by default).</param>
    public GameService(CartridgeRegistry cartridges, ISessionStore store, GameEventBus bus, IDeadlineScheduler scheduler,
        TimeProvider time, GameSessionOptions options, ProfanityFilter? profanity = null, IAudienceStore? audience = null)
    {
        _profanity = profanity ?? ProfanityFilter.Default;
        _audience = audience ?? new InMemoryAudienceStore();
        _cartridges = cartridges;
        _store = store;
        _bus = bus;
        _scheduler = scheduler;
        _time = time;
        _options = options;
        _scheduler.Attach(HandleDeadlineAsync);
    }

    /// <summary>The installed games.</summary>
    public IReadOnlyCollection<ICartridge> Games => _cartridges.All;

    /// <summary>Raised after a timed transition was applied (code, timer id); multi-instance tests count these.</summary>
    public event Action<string, long>? DeadlineApplied;

    public ICartridge? FindGame(string key) => _cartridges.Find(key);

    /// <summary>create_session: validates the settings, picks a free room code and opens the lobby.</summary>
    public Task<Result<CreatedSession>> CreateSessionAsync(string? game, IReadOnlyDictionary<string, JsonElement>? settings,
        CancellationToken cancellationToken = default) => CreateSessionAsync(game, settings, null, cancellationToken);

    /// <summary>create_session with the room's own options (streamer mode).</summary>
    public Task<Result<CreatedSession>> CreateSessionAsync(string? game, IReadOnlyDictionary<string, JsonElement>? settings, RoomOptions? room,
        CancellationToken cancellationToken = default)
    {
        var cartridge = game is null ? null : _cartridges.Find(game);
        if (cartridge is null)
        {
            return Task.FromResult(Result<CreatedSession>.Fail(UnknownGame(game)));
        }

        var bound = cartridge.BindSettings(settings);
        return bound.IsSuccess
            ? CreateSessionAsync(cartridge, bound.Value, room, cancellationToken)
            : Task.FromResult(Result<CreatedSession>.Fail(bound.Error));
    }

    /// <summary>create_session with settings already bound by the cartridge (for example copied from a preset).</summary>
    public Task<Result<CreatedSession>> CreateSessionAsync(ICartridge cartridge, object settings, CancellationToken cancellationToken = default) =>
        CreateSessionAsync(cartridge, settings, null, cancellationToken);

    /// <summary>create_session with bound settings and the room's options.</summary>
    public async Task<Result<CreatedSession>> CreateSessionAsync(ICartridge cartridge, object settings, RoomOptions? room,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await CreateAsync(cartridge, settings, s => s with { Options = room ?? RoomOptions.Default }, cancellationToken);
        }
        catch (SessionStoreUnavailableException)
        {
            return Unavailable();
        }
    }

    /// <summary>
    /// Play again with the same players (owner, after game over): a new room of <paramref name="game"/> (the same game
    /// by default) with <paramref name="settings"/> (by default the same settings for the same game, the defaults for
    /// another), every seated player carried over with their id, name and token, and <c>session.moved</c> sent to
    /// everyone in this room so their devices follow. The players are seated as disconnected until a device of theirs
    /// opens the new room (the reconnect grace applies as after a reload).
    /// </summary>
    public Task<Result<CreatedSession>> PlayAgainAsync(string code, string? token, string? game,
        IReadOnlyDictionary<string, JsonElement>? settings, CancellationToken cancellationToken = default) =>
        PlayAgainAsync(code, token, old =>
        {
            var cartridge = game is null ? _cartridges.Get(old.GameKey) : _cartridges.Find(game);
            if (cartridge is null)
            {
                return UnknownGame(game);
            }

            if (cartridge.Key != old.GameKey)
            {
                var other = cartridge.BindSettings(settings);
                return other.IsSuccess ? (cartridge, other.Value) : other.Error;
            }

            var binding = settings is null ? Result<object>.Ok(old.Settings) : cartridge.BindSettings(settings);
            if (!binding.IsSuccess)
            {
                return binding.Error;
            }

            // The same questions as this room's game (its packs and own questions), with what it played last.
            return (cartridge, cartridge is IQuestionGame questions ? questions.PlayAgain(old.Settings, old.State, binding.Value) : binding.Value);
        }, cancellationToken);

    /// <summary>
    /// Play again with the same players, with settings already bound (the setup page's form). For the same game with
    /// questions, the questions this room played are still drawn last; they come from <paramref name="settings"/> when
    /// the host chose them anew (<paramref name="questionsChosenAnew"/>: the pack picker was used), else from this room.
    /// </summary>
    public Task<Result<CreatedSession>> PlayAgainAsync(string code, string? token, ICartridge cartridge, object settings,
        bool questionsChosenAnew, CancellationToken cancellationToken = default) =>
        PlayAgainAsync(code, token, old => (cartridge,
            cartridge.Key == old.GameKey && cartridge is IQuestionGame questions
                ? questions.PlayAgain(old.Settings, old.State, settings, questionsChosenAnew)
                : settings), cancellationToken);

    private async Task<Result<CreatedSession>> PlayAgainAsync(string code, string? token,
        Func<Session, Result<(ICartridge Cartridge, object Settings)>> next, CancellationToken cancellationToken)
    {
        try
        {
            var old = await LoadAsync(code, cancellationToken);
            if (old is null)
            {
                return NotFound(code);
            }

            if (CanPlayAgain(old, token) is { } refused)
            {
                return refused;
            }

            var chosen = next(old);
            if (!chosen.IsSuccess)
            {
                return chosen.Error;
            }

            var (cartridge, bound) = chosen.Value;
            var seated = old.ActivePlayers.ToList();
            var capacity = cartridge.Capacity(bound);
            if (seated.Count > capacity)
            {
                return new GameError(ErrorCodes.RoomFull,
                    $"{seated.Count} players can't all come along: this {cartridge.Name} room seats {capacity}.", ErrorKind.Conflict);
            }

            var now = _time.GetUtcNow();
            var created = await CreateAsync(cartridge, bound, s => s with
            {
                Players = [.. seated.Select(p => p with { Connected = false, DisconnectedAt = now, Left = false })],
                Options = old.Options,
            }, cancellationToken);
            if (!created.IsSuccess)
            {
                return created;
            }

            var to = created.Value.Code;
            var moved = await ExecuteAsync(old.Code, (session, _) => CanPlayAgain(session, token) is { } late
                ? late
                : new Decision(session with { MovedTo = to }, [Draft(new SessionMoved(to, cartridge.Key))], null), Reply, cancellationToken);
            if (!moved.IsSuccess)
            {
                // Someone else moved the room on first (or it went away): the new room must not linger unseen.
                await _store.DeleteAsync(to, cancellationToken);
                return moved.Error;
            }

            return created;
        }
        catch (SessionStoreUnavailableException)
        {
            return Unavailable();
        }
    }

    /// <summary>
    /// Host moderation: hides a nickname from the TV (and every screen) at any time; the player is "Player N" from now
    /// on, and their phone is told (<c>player.name_hidden</c>, and <c>you.nameHidden</c> in their view).
    /// </summary>
    public Task<Result<MoveReply>> HideNameAsync(string code, string playerId, string? token, CancellationToken cancellationToken = default) =>
        ExecuteAsync(code, (session, now) =>
        {
            var owner = RequireOwner(session, token);
            if (owner is not null)
            {
                return owner;
            }

            var target = session.Players.FirstOrDefault(p => p.Id == playerId);
            if (target is null)
            {
                return new GameError(ErrorCodes.PlayerNotFound, "There is no such player in this session.", ErrorKind.NotFound);
            }

            if (target.NameHidden)
            {
                return Decision.Unchanged(null);
            }

            var seat = session.Players.IndexOf(target) + 1;
            var name = Enumerable.Range(seat, session.Players.Count + 1)
                .Select(n => $"Player {n}")
                .First(candidate => session.Players.All(p => p == target || !Nicknames.SameName(p.Name, candidate)));
            var next = session with { Players = session.Players.Replace(target, target with { Name = name, NameHidden = true }) };
            return WithPlayersChanged(session, new Decision(next, [Draft(new PlayerNameHidden(target.Id, name))], null), now, null);
        }, Reply, cancellationToken);

    private GameError? CanPlayAgain(Session session, string? token)
    {
        if (RequireOwner(session, token) is { } owner)
        {
            return owner;
        }

        if (session.MovedTo is { } moved)
        {
            return GameError.WrongPhase($"This room already moved on to room {moved}.");
        }

        return session.Status == SessionStatus.Finished
            ? null
            : GameError.WrongPhase("Play again is possible once the game is over.");
    }

    private GameError UnknownGame(string? game) => GameError.Fields(ErrorCodes.UnknownGame,
        $"There is no game called '{game}'. Installed: {string.Join(", ", _cartridges.All.Select(c => c.Key))}.", ErrorKind.Invalid,
        new Dictionary<string, FieldError[]> { ["game"] = [new FieldError("unknown_game", $"Unknown game '{game}'.", game ?? string.Empty)] });

    private async Task<Result<CreatedSession>> CreateAsync(ICartridge cartridge, object settings, Func<Session, Session> shape,
        CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var ownerToken = SessionTokens.Create();
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var code = RoomCodes.Next();
            var session = shape(new Session
            {
                Code = code,
                GameKey = cartridge.Key,
                Version = 1,
                Seq = 1,
                Status = SessionStatus.Lobby,
                OwnerTokenHash = SessionTokens.Hash(ownerToken),
                Settings = settings,
                Seed = RandomNumberGenerator.GetInt32(int.MaxValue),
                CreatedAt = now,
                LastActivityAt = now,
                ExpiresAt = now + _options.IdleExpiry,
            });
            if (await _store.TryCreateAsync(session, cancellationToken))
            {
                _bus.Publish(new GameEvent(EventTypes.SessionCreated, code, 1, now,
                    new SessionCreated(cartridge.Key, cartridge.DescribeSettings(settings))) { Origin = _bus.InstanceId });
                return new CreatedSession(code, ownerToken, BuildView(session, Viewer.Host, isOwner: true));
            }
        }

        return new GameError(ErrorCodes.Busy, "No free room code could be found; try again.", ErrorKind.TooManyRequests);
    }

    /// <summary>The caller's view of the session now: the host view without a token, a player's view with theirs.</summary>
    public async Task<Result<SessionView>> GetViewAsync(string code, string? token, CancellationToken cancellationToken = default)
    {
        try
        {
            var session = await LoadAsync(code, cancellationToken);
            if (session is null)
            {
                return NotFound(code);
            }

            if (string.IsNullOrEmpty(token))
            {
                return BuildView(session, Viewer.Host, isOwner: false);
            }

            var caller = Identify(session, token);
            return caller.IsSuccess ? BuildView(session, caller.Value.Viewer, caller.Value.IsOwner) : caller.Error;
        }
        catch (SessionStoreUnavailableException)
        {
            return Unavailable();
        }
    }

    /// <summary>The current view for an already identified viewer (screens and transports resynchronising).</summary>
    public async Task<Result<SessionView>> GetViewAsync(string code, Viewer viewer, CancellationToken cancellationToken = default)
    {
        try
        {
            var session = await LoadAsync(code, cancellationToken);
            return session is null ? NotFound(code) : BuildView(session, viewer, isOwner: false);
        }
        catch (SessionStoreUnavailableException)
        {
            return Unavailable();
        }
    }

    /// <summary>Authenticates a token for a session: the owner, a seated player, or a refusal.</summary>
    public async Task<Result<SessionCaller>> IdentifyAsync(string code, string? token, CancellationToken cancellationToken = default)
    {
        try
        {
            var session = await LoadAsync(code, cancellationToken);
            if (session is null)
            {
                return NotFound(code);
            }

            return string.IsNullOrEmpty(token) ? MissingToken() : Identify(session, token);
        }
        catch (SessionStoreUnavailableException)
        {
            return Unavailable();
        }
    }

    /// <summary>
    /// Identifies a real-time connection with one read of the session: the owner or a player with a token, a screen
    /// (the host view) without one.
    /// </summary>
    public async Task<Result<SessionCaller>> OpenAsync(string code, string? token, CancellationToken cancellationToken = default)
    {
        try
        {
            var session = await LoadAsync(code, cancellationToken);
            if (session is null)
            {
                return NotFound(code);
            }

            return string.IsNullOrEmpty(token)
                ? new SessionCaller(session.Code, Viewer.Host, IsOwner: false, session.GameKey)
                : Identify(session, token);
        }
        catch (SessionStoreUnavailableException)
        {
            return Unavailable();
        }
    }

    /// <summary>
    /// join_session: a new seat; or — with a player token of this session — the same seat again; or, by name, the
    /// seat of a player whose devices all dropped (a phone that died, another browser), with its score. A seat whose
    /// player is connected cannot be taken, and a kicked player cannot come back.
    /// </summary>
    public Task<Result<JoinedPlayer>> JoinAsync(string code, string? name, string? token, CancellationToken cancellationToken = default) =>
        ExecuteAsync(code, (session, now) =>
        {
            Span<byte> presented = stackalloc byte[SessionTokens.HashBytes];
            if (SessionTokens.TryHash(token, presented))
            {
                if (session.Kicked.Contains(Convert.ToBase64String(presented)))
                {
                    return Kicked();
                }

                if (SeatOf(session, presented) is { } seat)
                {
                    var rejoined = new JoinedPlayer(seat.Id, token!, seat.Name, Rejoined: true);
                    return seat.Connected
                        ? Decision.Unchanged(rejoined)
                        : WithPlayersChanged(session, SetConnected(session, seat, connected: true, now), now, rejoined);
                }
            }

            var (normalized, error) = Nicknames.Check(name);
            if (normalized is null)
            {
                return GameError.Fields(ErrorCodes.InvalidName, error!.Message, ErrorKind.Invalid,
                    new Dictionary<string, FieldError[]> { ["name"] = [error] });
            }

            if (session.Kicked.Contains(KickedNameKey(normalized)))
            {
                return Kicked();
            }

            if (FamilyFriendly(session) && _profanity.IsProfane(normalized))
            {
                return GameError.NotFamilyFriendly("name",
                    new FieldError("nickname_not_family_friendly", "This room is family-friendly: choose a nickname without rude words."));
            }

            var sameName = session.ActivePlayers.FirstOrDefault(p => Nicknames.SameName(p.Name, normalized));
            if (sameName is { Connected: false })
            {
                // Their devices are gone: the seat is theirs again on this device, with a new token (the old one no longer holds it).
                var newToken = SessionTokens.Create();
                var taken = session.Players.Replace(sameName, sameName with
                {
                    TokenHash = SessionTokens.Hash(newToken),
                    Connected = true,
                    DisconnectedAt = null,
                });
                return WithPlayersChanged(session,
                    new Decision(session with { Players = taken }, [Draft(new PlayerConnected(sameName.Id, sameName.Name))], null),
                    now, new JoinedPlayer(sameName.Id, newToken, sameName.Name, Rejoined: true));
            }

            if (sameName is not null)
            {
                return new GameError(ErrorCodes.NameTaken, session.Status == SessionStatus.Lobby
                    ? $"Someone in this room is already called {normalized}. Pick another name."
                    : $"{sameName.Name} is playing in this room right now. If that's you on another device, close it there first.",
                    ErrorKind.Conflict);
            }

            if (session.Status != SessionStatus.Lobby)
            {
                return new GameError(ErrorCodes.GameInProgress, session.Options.LateJoiners == LateJoinerPolicy.Audience
                    ? "This game has already started. Watch it on the stream, and join the next game when the host opens it."
                    : "This game has already started. If you were playing, enter the same name to take your seat back; otherwise wait for the next game.",
                    ErrorKind.Conflict);
            }

            var cartridge = _cartridges.Get(session.GameKey);
            var capacity = cartridge.Capacity(session.Settings);
            if (session.ActivePlayers.Count() >= capacity)
            {
                return new GameError(ErrorCodes.RoomFull, $"This room is full ({capacity} players).", ErrorKind.Conflict);
            }

            var playerToken = SessionTokens.Create();
            var player = new SessionPlayer(NewPlayerId(session), normalized, SessionTokens.Hash(playerToken), Connected: true, now);
            var next = session with { Players = session.Players.Add(player) };
            return new Decision(next, [Draft(new PlayerJoined(ToView(player), next.ActivePlayers.Count(), capacity))],
                new JoinedPlayer(player.Id, playerToken, player.Name, Rejoined: false));
        }, d => (JoinedPlayer)d.Reply!, cancellationToken);

    /// <summary>A player leaves (their own token) or the owner kicks them (the owner token); a kicked player cannot rejoin.</summary>
    public Task<Result<MoveReply>> RemovePlayerAsync(string code, string playerId, string? token, CancellationToken cancellationToken = default) =>
        ExecuteAsync(code, (session, now) =>
        {
            var caller = Identify(session, token);
            if (!caller.IsSuccess)
            {
                return caller.Error;
            }

            var target = session.ActivePlayers.FirstOrDefault(p => p.Id == playerId);
            if (!caller.Value.IsOwner && caller.Value.Viewer.PlayerId != playerId)
            {
                return new GameError(ErrorCodes.Forbidden, "Players can only remove themselves; the host can kick.", ErrorKind.Forbidden);
            }

            if (target is null)
            {
                return new GameError(ErrorCodes.PlayerNotFound, "There is no such player in this session.", ErrorKind.NotFound);
            }

            var kicked = caller.Value.IsOwner;
            var players = session.Status == SessionStatus.Lobby
                ? session.Players.Remove(target)
                : session.Players.Replace(target, target with { Left = true, Connected = false });
            var next = session with
            {
                Players = players,
                Kicked = kicked ? session.Kicked.Add(target.TokenHash).Add(KickedNameKey(target.Name)) : session.Kicked,
            };
            var draft = kicked
                ? Draft(new PlayerKicked(target.Id, target.Name, next.ActivePlayers.Count()))
                : Draft(new PlayerLeft(target.Id, target.Name, next.ActivePlayers.Count()));
            return WithPlayersChanged(session, new Decision(next, [draft], null), now, null);
        }, Reply, cancellationToken);

    /// <summary>Marks a player's devices as connected or not (transports call this); may complete a waiting phase.</summary>
    public Task<Result<MoveReply>> SetConnectedAsync(string code, string playerId, bool connected, CancellationToken cancellationToken = default) =>
        ExecuteAsync(code, (session, now) =>
        {
            var player = session.ActivePlayers.FirstOrDefault(p => p.Id == playerId);
            if (player is null)
            {
                return new GameError(ErrorCodes.PlayerNotFound, "There is no such player in this session.", ErrorKind.NotFound);
            }

            return player.Connected == connected
                ? Decision.Unchanged(null)
                : WithPlayersChanged(session, SetConnected(session, player, connected, now), now, null);
        }, Reply, cancellationToken);

    /// <summary>Owner control: starts the game from the lobby, or resumes a paused one with its exact remaining time.</summary>
    public Task<Result<MoveReply>> PlayAsync(string code, string? token, CancellationToken cancellationToken = default) =>
        ExecuteAsync(code, (session, now) =>
        {
            var owner = RequireOwner(session, token);
            if (owner is not null)
            {
                return owner;
            }

            var cartridge = _cartridges.Get(session.GameKey);
            switch (session.Status)
            {
                case SessionStatus.Lobby:
                    var players = PlayerInfos(session, now);
                    if (players.Count < cartridge.MinPlayers)
                    {
                        return new GameError(ErrorCodes.NotEnoughPlayers,
                            $"{cartridge.Name} needs at least {cartridge.MinPlayers} players; {players.Count} joined so far.", ErrorKind.Conflict);
                    }

                    var step = cartridge.Start(session.Settings, players, now, session.Seed);
                    if (step.Refusal is not null)
                    {
                        return step.Refusal;
                    }

                    var started = session with { Status = SessionStatus.Playing };
                    return Apply(started, step, now, [Draft(new SessionStarted(players.Count))], null);
                case SessionStatus.Paused:
                    var remaining = session.Clock.PausedRemaining;
                    var clock = remaining is { } left
                        ? session.Clock with { TimerId = session.Clock.TimerId + 1, Deadline = now + left, PausedRemaining = null }
                        : session.Clock;
                    var resumed = session with { Status = SessionStatus.Playing, Clock = clock };
                    var resumedEvent = Draft(new SessionResumed(clock.Deadline, (long)clock.RemainingAt(now).TotalMilliseconds,
                        (long)clock.Duration.TotalMilliseconds));
                    return WithPlayersChanged(session, new Decision(resumed, [resumedEvent], null), now, null);
                case SessionStatus.Playing:
                    return GameError.WrongPhase("The game is already running.");
                default:
                    return GameError.WrongPhase("This game is over.");
            }
        }, Reply, cancellationToken);

    /// <summary>Owner control: freezes the clock, keeping the remaining time exactly; moves are refused until Play.</summary>
    public Task<Result<MoveReply>> PauseAsync(string code, string? token, CancellationToken cancellationToken = default) =>
        ExecuteAsync(code, (session, now) =>
        {
            var owner = RequireOwner(session, token);
            if (owner is not null)
            {
                return owner;
            }

            if (session.Status != SessionStatus.Playing)
            {
                return GameError.WrongPhase(session.Status == SessionStatus.Paused ? "The game is already paused." : "Only a running game can be paused.");
            }

            var remaining = session.Clock.Deadline is null ? (TimeSpan?)null : session.Clock.RemainingAt(now);
            var clock = remaining is null
                ? session.Clock
                : session.Clock with { TimerId = session.Clock.TimerId + 1, Deadline = null, PausedRemaining = remaining };
            var paused = session with { Status = SessionStatus.Paused, Clock = clock };
            return new Decision(paused, [Draft(new SessionPaused((long)(remaining ?? TimeSpan.Zero).TotalMilliseconds,
                (long)clock.Duration.TotalMilliseconds))], null);
        }, Reply, cancellationToken);

    /// <summary>Owner control: ends the session for everyone at once and deletes it.</summary>
    public Task<Result<MoveReply>> ExitAsync(string code, string? token, CancellationToken cancellationToken = default) =>
        ExecuteAsync(code, (session, _) =>
        {
            var owner = RequireOwner(session, token);
            if (owner is not null)
            {
                return owner;
            }

            return new Decision(session with { Clock = PhaseClock.None with { TimerId = session.Clock.TimerId + 1 } },
                [Draft(new SessionEnded(SessionEndReasons.Exit))], null) { Delete = true };
        }, Reply, cancellationToken);

    /// <summary>Makes a cartridge move by name; a JSON payload is deserialised strictly into the move's payload record.</summary>
    public Task<Result<MoveReply>> MoveAsync(string code, string? token, string move, object? payload, CancellationToken cancellationToken = default) =>
        AudienceTokens.LooksLike(token) ? AudienceMoveAsync(code, token, move, payload, cancellationToken) : ExecuteAsync(code, (session, now) =>
        {
            var cartridge = _cartridges.Get(session.GameKey);
            var definition = cartridge.Moves.FirstOrDefault(m => m.Name == move);
            if (definition is null)
            {
                return GameError.UnknownMove(cartridge.Name, move);
            }

            var caller = Identify(session, token);
            if (!caller.IsSuccess)
            {
                return caller.Error;
            }

            var actor = caller.Value.IsOwner ? Actor.Owner : Actor.Player(caller.Value.Viewer.PlayerId!);
            if (definition.Actor != actor.Kind)
            {
                return definition.Actor == MoveActor.Player
                    ? new GameError(ErrorCodes.Forbidden, "Only a player can do that; the host token cannot.", ErrorKind.Forbidden)
                    : ErrorCodes.WrongActor(definition.Actor);
            }

            switch (session.Status)
            {
                case SessionStatus.Lobby:
                    return GameError.WrongPhase("The game has not started yet.");
                case SessionStatus.Paused:
                    return new GameError(ErrorCodes.Paused, "The game is paused. Wait for the host to resume it.", ErrorKind.Conflict);
                case SessionStatus.Finished:
                    return GameError.WrongPhase("This game is over.");
            }

            var typed = ConvertPayload(definition, payload);
            if (!typed.IsSuccess)
            {
                return typed.Error;
            }

            var step = cartridge.Move(session.Settings, session.State!, PlayerInfos(session, now), now, Remaining(session, now), session.Seed, move,
                actor, typed.Value, session.ClosingVote);
            return Apply(session, step, now, [], step.Reply);
        }, Reply, cancellationToken);

    /// <summary>Finds the move a cartridge serves at a REST route (e.g. <c>lies</c>) for this session's game.</summary>
    public async Task<Result<MoveDefinition>> FindMoveByRouteAsync(string code, string route, CancellationToken cancellationToken = default)
    {
        try
        {
            var session = await LoadAsync(code, cancellationToken);
            if (session is null)
            {
                return NotFound(code);
            }

            var cartridge = _cartridges.Get(session.GameKey);
            var move = cartridge.Moves.FirstOrDefault(m => string.Equals(m.Route, route.Trim('/'), StringComparison.OrdinalIgnoreCase));
            return move is null
                ? new GameError(ErrorCodes.UnknownMove, $"{cartridge.Name} has nothing at '{route}'.", ErrorKind.NotFound)
                : move;
        }
        catch (SessionStoreUnavailableException)
        {
            return Unavailable();
        }
    }

    /// <summary>Finds a move of this session's game by its name (e.g. <c>submit_lie</c>).</summary>
    public async Task<Result<MoveDefinition>> FindMoveAsync(string code, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var session = await LoadAsync(code, cancellationToken);
            if (session is null)
            {
                return NotFound(code);
            }

            var cartridge = _cartridges.Get(session.GameKey);
            var move = cartridge.Moves.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
            return move is null
                ? GameError.UnknownMove(cartridge.Name, name)
                : move;
        }
        catch (SessionStoreUnavailableException)
        {
            return Unavailable();
        }
    }

    /// <summary>A phase deadline is due: applies the cartridge's timeout once, fenced by the timer id.</summary>
    public async Task HandleDeadlineAsync(string code, long timerId)
    {
        var applied = false;
        try
        {
            var result = await ExecuteAsync(code, (session, now) =>
            {
                applied = false;
                if (session.Status != SessionStatus.Playing || session.Clock.TimerId != timerId || session.Clock.Due is not { } due)
                {
                    return Decision.Unchanged(null);
                }

                if (now < due)
                {
                    return Decision.Unchanged(null) with { Reschedule = true };
                }

                var cartridge = _cartridges.Get(session.GameKey);
                if (session.Clock.Deadline is not { } deadline || now < deadline)
                {
                    // A dropped player's reconnect grace ran out before the deadline: the phase stops waiting for them.
                    var changed = cartridge.PlayersChanged(session.Settings, session.State!, PlayerInfos(session, now), now, Remaining(session, now), session.Seed,
                        session.ClosingVote);
                    applied = changed.Changed;
                    return changed.Changed ? Apply(session, changed, now, [], null) : new Decision(session, [], null);
                }

                var expired = session with { Clock = session.Clock with { TimerId = session.Clock.TimerId + 1, Deadline = null } };
                var step = cartridge.Timeout(expired.Settings, expired.State!, PlayerInfos(expired, now), now, TimeSpan.Zero, expired.Seed, expired.ClosingVote);
                applied = true;
                return Apply(expired, step, now, [], null);
            }, Reply, CancellationToken.None);
            // Decided is not committed: a commit the store refused or could not confirm applied nothing here.
            applied &= result.IsSuccess;
        }
        catch (Exception ex) when (ex is SessionStoreUnavailableException or OperationCanceledException)
        {
            return;
        }

        if (applied)
        {
            DeadlineApplied?.Invoke(code, timerId);
        }
    }

    private async Task<Result<T>> ExecuteAsync<T>(string code, Func<Session, DateTimeOffset, Result<Decision>> decide,
        Func<Decision, T> reply, CancellationToken cancellationToken)
    {
        code = RoomCodes.Normalize(code) ?? code;
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(code) % (uint)_stripes.Length];
        try
        {
            await stripe.WaitAsync(cancellationToken);
            try
            {
                for (var attempt = 0; attempt < MaxAttempts; attempt++)
                {
                    var session = await LoadAsync(code, cancellationToken);
                    if (session is null)
                    {
                        return NotFound(code);
                    }

                    var now = _time.GetUtcNow();
                    var decision = decide(session, now);
                    if (!decision.IsSuccess)
                    {
                        return decision.Error;
                    }

                    var d = decision.Value;
                    if (ClosingVote(session, d.Session) is { } closing)
                    {
                        // The step leaves the phase the audience votes in: close the vote first, then decide again with its
                        // final tally, so no vote is counted after the step read it and none is lost.
                        var final = decide(session with { ClosingVote = await CloseVoteAsync(code, closing, cancellationToken) }, now);
                        if (!final.IsSuccess)
                        {
                            return final.Error;
                        }

                        d = final.Value;
                    }

                    if (d.Session is null)
                    {
                        if (d.Reschedule && session.Clock.Due is { } due)
                        {
                            await _scheduler.ScheduleAsync(code, session.Clock.TimerId, due, cancellationToken);
                        }

                        return reply(d with { Session = session });
                    }

                    var events = d.Events.Select((draft, i) => new GameEvent(draft.Type, code, session.Seq + 1 + i, now, draft.Data)
                    {
                        PerPlayer = draft.PerPlayer,
                        Origin = _bus.InstanceId,
                    }).ToList();
                    var next = WithWake(d.Session, now) with
                    {
                        ClosingVote = null,
                        Version = session.Version + 1,
                        Seq = session.Seq + events.Count,
                        LastActivityAt = now,
                        ExpiresAt = d.Session.Status == SessionStatus.Finished
                            ? session.Status == SessionStatus.Finished ? session.ExpiresAt : now + _options.GameOverGrace
                            : now + _options.IdleExpiry,
                    };
                    if (!await _store.TryUpdateAsync(next, session.Version, cancellationToken))
                    {
                        continue;
                    }

                    if (d.Delete)
                    {
                        await _store.DeleteAsync(code, cancellationToken);
                    }

                    // Committed: every screen hears of it now, before the bookkeeping of the timer.
                    foreach (var gameEvent in events)
                    {
                        _bus.Publish(gameEvent);
                    }

                    if (d.Delete || next.Clock.TimerId != session.Clock.TimerId)
                    {
                        await _scheduler.TimerChangedAsync(code, next.Clock.TimerId, d.Delete ? null : next.Clock.Due, cancellationToken);
                    }

                    return reply(d with { Session = next });
                }

                return new GameError(ErrorCodes.Busy, "The session is busy; try again.", ErrorKind.Conflict);
            }
            finally
            {
                stripe.Release();
            }
        }
        catch (SessionStoreUnavailableException)
        {
            return Unavailable();
        }
    }

    private Result<Decision> Apply(Session session, CartridgeStep step, DateTimeOffset now, ImmutableList<EventDraft> before, object? reply)
    {
        if (step.Refusal is not null)
        {
            return step.Refusal;
        }

        if (!step.Changed)
        {
            return before.IsEmpty ? Decision.Unchanged(reply) : new Decision(session, before, reply);
        }

        var clock = step.Timer.Action switch
        {
            TimerAction.Start => new PhaseClock(session.Clock.TimerId + 1, now + step.Timer.Duration, null, step.Timer.Duration),
            TimerAction.Clear when session.Clock.Deadline is not null || session.Clock.PausedRemaining is not null =>
                new PhaseClock(session.Clock.TimerId + 1, null, null, TimeSpan.Zero),
            _ => session.Clock,
        };
        var next = session with
        {
            State = step.State,
            Clock = step.GameOver ? new PhaseClock(session.Clock.TimerId + 1, null, null, TimeSpan.Zero) : clock,
            Status = step.GameOver ? SessionStatus.Finished : session.Status,
        };
        return new Decision(next, before.AddRange(step.Events), reply);
    }

    private Result<Decision> WithPlayersChanged(Session before, Result<Decision> change, DateTimeOffset now, object? reply)
    {
        if (!change.IsSuccess || change.Value.Session is not { } session || session.Status != SessionStatus.Playing || session.State is null)
        {
            return change.IsSuccess ? change.Value with { Reply = reply ?? change.Value.Reply } : change;
        }

        var cartridge = _cartridges.Get(session.GameKey);
        var step = cartridge.PlayersChanged(session.Settings, session.State, PlayerInfos(session, now), now, Remaining(session, now), session.Seed,
            session.ClosingVote);
        return step.Changed
            ? Apply(session, step, now, change.Value.Events, reply ?? change.Value.Reply)
            : change.Value with { Reply = reply ?? change.Value.Reply };
    }

    private static Decision SetConnected(Session session, SessionPlayer player, bool connected, DateTimeOffset now)
    {
        var next = session with
        {
            Players = session.Players.Replace(player, player with { Connected = connected, DisconnectedAt = connected ? null : now }),
        };
        return new Decision(next, [connected ? Draft(new PlayerConnected(player.Id, player.Name)) : Draft(new PlayerDisconnected(player.Id, player.Name))],
            null);
    }

    private SessionView BuildView(Session session, Viewer viewer, bool isOwner)
    {
        var cartridge = _cartridges.Get(session.GameKey);
        var now = _time.GetUtcNow();
        var players = PlayerInfos(session, now);
        var me = viewer.PlayerId is null ? null : session.Players.FirstOrDefault(p => p.Id == viewer.PlayerId);
        // Streamer mode may keep names off the screens until the game starts; a player still sees everyone's.
        var seats = session.Options.HideNames && session.Status == SessionStatus.Lobby && viewer.Kind != ViewerKind.Player
            ? session.Players.Select((p, i) => ToView(p) with { Name = $"Player {i + 1}" }).ToList()
            : session.Players.Select(ToView).ToList();
        var clock = session.Clock.Deadline is null && session.Clock.PausedRemaining is null
            ? null
            : new ClockView(session.Clock.Deadline, (long)session.Clock.RemainingAt(now).TotalMilliseconds,
                (long)session.Clock.Duration.TotalMilliseconds, session.Status == SessionStatus.Paused);
        return new SessionView(
            session.Code,
            cartridge.Key,
            cartridge.Name,
            StatusName(session.Status),
            session.Seq,
            session.Version,
            session.State is null ? null : cartridge.PhaseOf(session.State),
            clock,
            seats,
            cartridge.MinPlayers,
            cartridge.Capacity(session.Settings),
            new ViewerView(viewer.Kind switch
            {
                ViewerKind.Player => "player",
                ViewerKind.Spectator => "spectator",
                ViewerKind.Audience => "audience",
                _ => isOwner ? "owner" : "host",
            }, me?.Id, me?.Name) { NameHidden = me?.NameHidden ?? false },
            // An anonymous screen gets what the big screen shows and no more: not the settings, which only the owner
            // and the players have a use for (seats and timers are in capacity and clock).
            viewer.Kind == ViewerKind.Host && !isOwner ? NoSettings : cartridge.DescribeSettings(session.Settings),
            session.State is null ? null : cartridge.BuildView(session.Settings, session.State, players, now, Remaining(session, now), session.Seed, viewer))
        {
            Room = session.Options,
            MovedTo = session.MovedTo,
        };
    }

    private static readonly IReadOnlyDictionary<string, JsonElement> NoSettings = new Dictionary<string, JsonElement>();

    /// <summary>A game with a boolean setting called <c>familyFriendly</c> that is on filters what players type.</summary>
    private bool FamilyFriendly(Session session) =>
        _cartridges.Get(session.GameKey).DescribeSettings(session.Settings).TryGetValue("familyFriendly", out var value)
        && value.ValueKind == JsonValueKind.True;

    private static string StatusName(SessionStatus status) => status switch
    {
        SessionStatus.Lobby => "lobby",
        SessionStatus.Playing => "playing",
        SessionStatus.Paused => "paused",
        _ => "finished",
    };

    private static Result<object?> ConvertPayload(MoveDefinition definition, object? payload)
    {
        if (definition.PayloadType is null)
        {
            return Result<object?>.Ok(null);
        }

        if (payload is null || (payload is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }))
        {
            return NeedsBody(definition);
        }

        if (definition.PayloadType.IsInstanceOfType(payload))
        {
            return Result<object?>.Ok(payload);
        }

        if (payload is not JsonElement json)
        {
            return GameError.Invalid("body", new FieldError("move_payload_type", $"'{definition.Name}' got a payload of the wrong type.", definition.Name));
        }

        try
        {
            var value = json.Deserialize(definition.PayloadType, GameJson.Strict);
            return value is null ? NeedsBody(definition) : Result<object?>.Ok(value);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            return GameError.Invalid(field, $"The body of '{definition.Name}' is not valid: {ex.Message}");
        }
    }

    private static GameError NeedsBody(MoveDefinition definition) =>
        GameError.Invalid("body", new FieldError("move_needs_json_body", $"'{definition.Name}' needs a JSON body.", definition.Name));

    private Result<SessionCaller> Identify(Session session, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return MissingToken();
        }

        if (AudienceTokens.LooksLike(token))
        {
            return IdentifyAudience(session, token);
        }

        // Hashed once, compared with the owner's and each player's.
        Span<byte> presented = stackalloc byte[SessionTokens.HashBytes];
        if (SessionTokens.TryHash(token, presented))
        {
            if (SessionTokens.Matches(presented, session.OwnerTokenHash))
            {
                return new SessionCaller(session.Code, Viewer.Host, IsOwner: true, session.GameKey);
            }

            if (SeatOf(session, presented) is { } player)
            {
                return new SessionCaller(session.Code, Viewer.Player(player.Id), IsOwner: false, session.GameKey);
            }

            if (session.Kicked.Contains(Convert.ToBase64String(presented)))
            {
                return Kicked();
            }
        }

        return new GameError(ErrorCodes.Unauthorized, "That token is not valid for this session.", ErrorKind.Unauthorized);
    }

    /// <summary>The active seat a token's hash (<see cref="SessionTokens.TryHash"/>) holds, compared in constant time.</summary>
    private static SessionPlayer? SeatOf(Session session, ReadOnlySpan<byte> presented)
    {
        foreach (var player in session.ActivePlayers)
        {
            if (SessionTokens.Matches(presented, player.TokenHash))
            {
                return player;
            }
        }

        return null;
    }

    private GameError? RequireOwner(Session session, string? token)
    {
        var caller = Identify(session, token);
        if (!caller.IsSuccess)
        {
            return caller.Error;
        }

        return caller.Value.IsOwner ? null : new GameError(ErrorCodes.Forbidden, "Only the host can do that.", ErrorKind.Forbidden);
    }

    private async ValueTask<Session?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var normalized = RoomCodes.Normalize(code);
        return normalized is null ? null : await _store.GetAsync(normalized, cancellationToken);
    }

    private static TimeSpan? Remaining(Session session, DateTimeOffset now) =>
        session.Clock.Deadline is null && session.Clock.PausedRemaining is null ? null : session.Clock.RemainingAt(now);

    /// <summary>
    /// The seated players as the game sees them: a player whose devices dropped less than the reconnect grace ago still
    /// counts as connected, so a reload or a phone waking up never costs them their turn.
    /// </summary>
    private List<PlayerInfo> PlayerInfos(Session session, DateTimeOffset now) =>
        session.ActivePlayers.Select(p => new PlayerInfo(p.Id, p.Name, p.Connected || GraceEnds(p) > now)).ToList();

    private DateTimeOffset? GraceEnds(SessionPlayer player) =>
        player.Connected || player.DisconnectedAt is not { } dropped ? null : dropped + _options.ReconnectGrace;

    /// <summary>
    /// The committed session's wake-up for the earliest reconnect grace still running, so the phase stops waiting for
    /// that player when it runs out; a moved wake-up is a new timer.
    /// </summary>
    private Session WithWake(Session session, DateTimeOffset now)
    {
        var wake = session.Status == SessionStatus.Playing
            ? session.ActivePlayers.Select(GraceEnds).Where(end => end > now).Min()
            : null;
        return wake == session.Clock.Wake
            ? session
            : session with { Clock = session.Clock with { Wake = wake, TimerId = session.Clock.TimerId + 1 } };
    }

    private static PlayerView ToView(SessionPlayer player) =>
        new(player.Id, player.Name, player.Connected, player.Left) { NameHidden = player.NameHidden ? true : null };

    private static string NewPlayerId(Session session)
    {
        while (true)
        {
            var id = "p" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            if (session.Players.All(p => p.Id != id))
            {
                return id;
            }
        }
    }

    private static string KickedNameKey(string name) => "name:" + Nicknames.Key(name);

    private static EventDraft Draft<TData>(TData data) where TData : class, IEventData => new(TData.EventType, data);

    private static MoveReply Reply(Decision decision) => new(decision.Session!.Seq, decision.Reply);

    private static GameError NotFound(string code) =>
        new(ErrorCodes.SessionNotFound, $"There is no game with the code '{code}'. Check the code on the big screen.", ErrorKind.NotFound);

    private static GameError MissingToken() =>
        new(ErrorCodes.Unauthorized, "This needs a token: send 'Authorization: Bearer <token>'.", ErrorKind.Unauthorized);

    private static GameError Kicked() =>
        new(ErrorCodes.Kicked, "The host removed you from this game, so you cannot rejoin it.", ErrorKind.Forbidden);

    // The same words whatever the store said: its exception (endpoints, client names, library details) is for the log,
    // which the store writes, never for a caller.
    private static GameError Unavailable() =>
        new(ErrorCodes.Unavailable, "The game store is unreachable right now; try again in a moment.", ErrorKind.Unavailable);

    /// <summary>A decided change: the next session (null for no change), its events, the caller's reply.</summary>
    private sealed record Decision(Session? Session, ImmutableList<EventDraft> Events, object? Reply)
    {
        /// <summary>Delete the session after committing (exit).</summary>
        public bool Delete { get; init; }

        /// <summary>The timer fired early: arm it again for the same deadline.</summary>
        public bool Reschedule { get; init; }

        public static Decision Unchanged(object? reply) => new(null, ImmutableList<EventDraft>.Empty, reply);
    }
}
