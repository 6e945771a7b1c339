using System.Collections.Concurrent;
using System.Collections.Immutable;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Audience;

/// <summary>
/// The audience's counters in this process (one instance). Each room is guarded by its own lock, held for a few
/// dictionary operations; a vote's voter set is dropped when it closes, since a closed vote refuses everyone anyway.
/// </summary>
public sealed class InMemoryAudienceStore : IAudienceStore
{
    private readonly ConcurrentDictionary<string, Room> _rooms = new(StringComparer.Ordinal);

    public ValueTask<AudienceRoom> GetRoomAsync(string code, CancellationToken cancellationToken = default)
    {
        var room = RoomOf(code);
        lock (room)
        {
            return ValueTask.FromResult(new AudienceRoom(room.Open, room.Cap, room.Members));
        }
    }

    public ValueTask<AudienceRoom> SetRoomAsync(string code, bool open, int cap, CancellationToken cancellationToken = default)
    {
        var room = RoomOf(code);
        lock (room)
        {
            room.Open = open;
            room.Cap = cap;
            return ValueTask.FromResult(new AudienceRoom(room.Open, room.Cap, room.Members));
        }
    }

    public ValueTask<AudienceJoin> JoinAsync(string code, CancellationToken cancellationToken = default)
    {
        var room = RoomOf(code);
        lock (room)
        {
            if (!room.Open)
            {
                return ValueTask.FromResult(AudienceJoin.Off);
            }

            if (room.Members >= room.Cap)
            {
                return ValueTask.FromResult(AudienceJoin.Full);
            }

            room.Members++;
            return ValueTask.FromResult(AudienceJoin.Joined);
        }
    }

    public ValueTask<VoteOutcome> VoteAsync(string code, string key, string audienceId, string choice, CancellationToken cancellationToken = default)
    {
        var room = RoomOf(code);
        lock (room)
        {
            if (!room.Open)
            {
                return ValueTask.FromResult(VoteOutcome.Off);
            }

            var vote = room.VoteFor(key);
            if (vote.Voters is null)
            {
                return ValueTask.FromResult(VoteOutcome.Closed);
            }

            if (!vote.Voters.Add(audienceId))
            {
                return ValueTask.FromResult(VoteOutcome.AlreadyVoted);
            }

            vote.Counts[choice] = vote.Counts.GetValueOrDefault(choice) + 1;
            room.Latest = key;
            return ValueTask.FromResult(VoteOutcome.Counted);
        }
    }

    public ValueTask<AudienceTally> CloseAsync(string code, string key, CancellationToken cancellationToken = default)
    {
        var room = RoomOf(code);
        lock (room)
        {
            var vote = room.VoteFor(key);
            vote.Voters = null;
            room.Latest = key;
            return ValueTask.FromResult(vote.Tally(key));
        }
    }

    public ValueTask<AudienceSnapshot> SnapshotAsync(string code, CancellationToken cancellationToken = default)
    {
        var room = RoomOf(code);
        lock (room)
        {
            if (room.Latest is not { } key)
            {
                return ValueTask.FromResult(new AudienceSnapshot(room.Members, null, false));
            }

            var vote = room.VoteFor(key);
            return ValueTask.FromResult(new AudienceSnapshot(room.Members, vote.Tally(key), vote.Voters is not null));
        }
    }

    public ValueTask ForgetAsync(string code, CancellationToken cancellationToken = default)
    {
        _rooms.TryRemove(code, out _);
        return ValueTask.CompletedTask;
    }

    private Room RoomOf(string code) => _rooms.GetOrAdd(code, _ => new Room());

    private sealed class Room
    {
        private readonly Dictionary<string, Vote> _votes = new(StringComparer.Ordinal);

        public bool Open { get; set; } = true;

        public int Cap { get; set; } = AudienceRoom.DefaultCap;

        public long Members { get; set; }

        public string? Latest { get; set; }

        public Vote VoteFor(string key)
        {
            if (!_votes.TryGetValue(key, out var vote))
            {
                vote = new Vote();
                _votes.Add(key, vote);
            }

            return vote;
        }
    }

    private sealed class Vote
    {
        public HashSet<string>? Voters { get; set; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

        public AudienceTally Tally(string key) => new(key, Counts.ToImmutableDictionary(StringComparer.Ordinal));
    }
}
