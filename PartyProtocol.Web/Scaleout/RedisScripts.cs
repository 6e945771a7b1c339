namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// The Lua scripts behind the store and the deadlines. Each runs atomically in Redis, so a session's data, its
/// version and its deadline never disagree, whichever instance wrote them. Times are Redis server time
/// (<c>TIME</c>) in milliseconds; instances only pass durations. Session hashes hold the fields
/// <c>version</c>, <c>rev</c> (a random id per write: two writes that got the same version number — after Redis lost
/// an acknowledged one — still differ), <c>seq</c>, <c>data</c>, <c>timer</c>, <c>owner</c> (the owner token's hash)
/// and, while a deadline runs, <c>due</c>.
/// The scripts name session keys they derive from a code, which standalone Redis (with or without replicas)
/// allows and Redis Cluster does not.
/// Every script that writes takes a fence as its last argument: the latest Redis time (ms) at which it may still act
/// ('' for none). A script that runs later — it was sent before Redis stalled and its caller has given up — does
/// nothing and answers <see cref="Late"/> (see <see cref="RedisAvailability"/>).
/// </summary>
internal static class RedisScripts
{
    /// <summary>The answer of a write script that ran after its fence and wrote nothing.</summary>
    public const long Late = -1;

    // Shared by the writers: whether Redis's clock is past the fence.
    private const string Fence = """
        local function late(fence)
          if fence == nil or fence == '' then return false end
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) > tonumber(fence)
        end

        """;

    // Shared by the writers: sets the session's deadline to now + remaining ms, indexes it and wakes every instance.
    private const string SetDue = """
        local function setDue(sessionKey, deadlinesKey, code, remaining, channel)
          local t = redis.call('TIME')
          local due = string.format('%d', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(remaining))
          redis.call('HSET', sessionKey, 'due', due)
          redis.call('ZADD', deadlinesKey, due, code)
          redis.call('PUBLISH', channel, due)
        end
        """;

    /// <summary>
    /// Create: KEYS = session, deadlines; ARGV = code, version, seq, data, ttlMs, timer, remainingMs or '', channel,
    /// owner, rev, fence. Returns 1, or 0 when a live session has the code (an expired one no longer exists in Redis).
    /// </summary>
    public const string Create = Fence + SetDue + """

        if late(ARGV[11]) then return -1 end
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'version', ARGV[2], 'seq', ARGV[3], 'data', ARGV[4], 'timer', ARGV[6], 'owner', ARGV[9], 'rev', ARGV[10])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        if ARGV[7] ~= '' then
          setDue(KEYS[1], KEYS[2], ARGV[1], ARGV[7], ARGV[8])
        else
          redis.call('ZREM', KEYS[2], ARGV[1])
        end
        return 1
        """;

    /// <summary>
    /// Read: KEYS = session; ARGV = the version and rev of the copy the caller holds ('' for none). Returns nil
    /// when the session does not exist, 1 when the caller's copy is that very write, else { data, rev }.
    /// </summary>
    public const string Read = """
        local f = redis.call('HMGET', KEYS[1], 'version', 'rev')
        if not f[1] then return false end
        local rev = f[2] or ''
        if f[1] == ARGV[1] and rev == ARGV[2] and ARGV[2] ~= '' then return 1 end
        return { redis.call('HGET', KEYS[1], 'data'), rev }
        """;

    /// <summary>
    /// Compare-and-swap on the write the caller read: KEYS = session, deadlines; ARGV = code, expectedVersion, version,
    /// seq, data, ttlMs, timer, remainingMs or '', channel, expectedRev, rev, fence. The deadline is rewritten only when the
    /// timer id changed, so a move inside a phase leaves the running deadline alone. Returns 1, or 0 when the session
    /// moved on — or is not the write the caller read, although it has that version.
    /// </summary>
    public const string Update = Fence + SetDue + """

        if late(ARGV[12]) then return -1 end
        local current = redis.call('HMGET', KEYS[1], 'version', 'rev')
        if current[1] ~= ARGV[2] or (current[2] or '') ~= ARGV[10] then return 0 end
        local previousTimer = redis.call('HGET', KEYS[1], 'timer')
        redis.call('HSET', KEYS[1], 'version', ARGV[3], 'seq', ARGV[4], 'data', ARGV[5], 'timer', ARGV[7], 'rev', ARGV[11])
        redis.call('PEXPIRE', KEYS[1], ARGV[6])
        if previousTimer ~= ARGV[7] then
          if ARGV[8] == '' then
            redis.call('HDEL', KEYS[1], 'due')
            redis.call('ZREM', KEYS[2], ARGV[1])
          else
            setDue(KEYS[1], KEYS[2], ARGV[1], ARGV[8], ARGV[9])
          end
        end
        return 1
        """;

    /// <summary>Delete: KEYS = session, deadlines; ARGV = code, fence.</summary>
    public const string Delete = Fence + """

        if late(ARGV[2]) then return -1 end
        redis.call('DEL', KEYS[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        return 1
        """;

    /// <summary>
    /// Schedule (arm again): KEYS = session, deadlines; ARGV = code, timer, remainingMs, channel, fence. Only for the
    /// timer the committed session still runs: a schedule call that arrives after a newer commit changes nothing.
    /// </summary>
    public const string Schedule = Fence + SetDue + """

        if late(ARGV[5]) then return -1 end
        local f = redis.call('HMGET', KEYS[1], 'timer', 'due')
        if f[1] ~= ARGV[2] or not f[2] then return 0 end
        setDue(KEYS[1], KEYS[2], ARGV[1], ARGV[3], ARGV[4])
        return 1
        """;

    /// <summary>
    /// Claim: KEYS = deadlines; ARGV = session key prefix, leaseMs, limit, fence. Every due entry whose session still has a
    /// due deadline is leased (re-scored to now + lease, so another instance fires it again only if the claimer
    /// dies) and returned with its timer id; entries of vanished sessions are dropped, early ones re-scored.
    /// Returns { msUntilNextEntry or -1, ms the most overdue claimed deadline was past due (0 for none),
    /// code1, timer1, code2, timer2, ... }, or -1 after the fence.
    /// </summary>
    public const string Claim = Fence + """
        if late(ARGV[4]) then return -1 end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local result = {}
        local late = 0
        local entries = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
        for _, code in ipairs(entries) do
          local f = redis.call('HMGET', ARGV[1] .. code, 'timer', 'due')
          if not f[1] or not f[2] then
            redis.call('ZREM', KEYS[1], code)
          elseif tonumber(f[2]) > now then
            redis.call('ZADD', KEYS[1], f[2], code)
          else
            redis.call('ZADD', KEYS[1], string.format('%d', now + tonumber(ARGV[2])), code)
            late = math.max(late, now - tonumber(f[2]))
            table.insert(result, code)
            table.insert(result, f[1])
          end
        end
        local wait = -1
        local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        if first[2] then wait = math.max(0, tonumber(first[2]) - now) end
        table.insert(result, 1, string.format('%d', late))
        table.insert(result, 1, string.format('%d', wait))
        return result
        """;

    // Shared by the presence scripts: whether the player has a connection on an instance whose heartbeat is fresh.
    private const string AnyLive = """
        local function anyLive(presenceKey, instancesKey, playerId, staleBefore)
          local prefix = playerId .. '|'
          local fields = redis.call('HGETALL', presenceKey)
          for i = 1, #fields, 2 do
            if string.sub(fields[i], 1, #prefix) == prefix and tonumber(fields[i + 1]) > 0 then
              local beat = redis.call('ZSCORE', instancesKey, string.sub(fields[i], #prefix + 1))
              if beat and tonumber(beat) >= staleBefore then return 1 end
            end
          end
          return 0
        end
        local function nowMs()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        """;

    /// <summary>
    /// Presence report: KEYS = presence hash of the session, instances, this instance's presence index; ARGV = playerId,
    /// instanceId, count, ttlMs, staleMs, code. Records the count (a heartbeat too) and returns 1 if any live instance
    /// holds a connection of the player.
    /// </summary>
    public const string ReportPresence = AnyLive + """

        local now = nowMs()
        local field = ARGV[1] .. '|' .. ARGV[2]
        local entry = ARGV[6] .. '|' .. ARGV[1]
        if tonumber(ARGV[3]) > 0 then
          redis.call('HSET', KEYS[1], field, ARGV[3])
          redis.call('SADD', KEYS[3], entry)
        else
          redis.call('HDEL', KEYS[1], field)
          redis.call('SREM', KEYS[3], entry)
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('PEXPIRE', KEYS[3], ARGV[4])
        redis.call('ZADD', KEYS[2], string.format('%d', now), ARGV[2])
        return anyLive(KEYS[1], KEYS[2], ARGV[1], now - tonumber(ARGV[5]))
        """;

    /// <summary>
    /// Forget a dead instance's connection of one player: KEYS = presence hash, instances; ARGV = playerId, deadInstanceId,
    /// staleMs. Returns 1 if the player is still connected through a live instance.
    /// </summary>
    public const string DropPresence = AnyLive + """

        redis.call('HDEL', KEYS[1], ARGV[1] .. '|' .. ARGV[2])
        return anyLive(KEYS[1], KEYS[2], ARGV[1], nowMs() - tonumber(ARGV[3]))
        """;

    /// <summary>
    /// Heartbeat and claim of dead instances: KEYS = instances; ARGV = instanceId, staleMs, limit. Refreshes this
    /// instance's heartbeat and removes (claims) instances whose heartbeat is stale; each is returned to one claimer only.
    /// </summary>
    public const string Heartbeat = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZADD', KEYS[1], string.format('%d', now), ARGV[1])
        local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now - tonumber(ARGV[2])), 'LIMIT', 0, tonumber(ARGV[3]))
        for _, id in ipairs(dead) do redis.call('ZREM', KEYS[1], id) end
        return dead
        """;
}
