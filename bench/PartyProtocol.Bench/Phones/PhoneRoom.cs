using System.Collections.Concurrent;
using PartyProtocol.Bench.Clients;
using PartyProtocol.Bench.Measurement;

namespace PartyProtocol.Bench.Phones;

/// <summary>
/// One room of the browser run: its code and owner token (the owner's REST calls stand for the host's remote), its TV
/// and phone pages, and a hub listener that learns each event's <c>at</c>, the start of its event → DOM latency.
/// </summary>
public sealed class PhoneRoom(string code, string ownerToken)
{
    private readonly ConcurrentDictionary<long, (string Type, DateTimeOffset At)> _events = new();
    private long _latest;

    public string Code => code;

    public string OwnerToken => ownerToken;

    public List<PhonePage> Pages { get; } = [];

    public IEnumerable<PhonePage> Phones => Pages.Where(p => !p.IsTv);

    public IEventConnection? Listener { get; set; }

    public long LatestSeq => Interlocked.Read(ref _latest);

    public int EventCount => _events.Count;

    public void OnEvent(ReceivedEvent received)
    {
        _events[received.Seq] = (received.Type, received.At);
        long seen;
        do
        {
            seen = Interlocked.Read(ref _latest);
        }
        while (received.Seq > seen && Interlocked.CompareExchange(ref _latest, received.Seq, seen) != seen);
    }

    public (string Type, DateTimeOffset At)? Event(long seq) => _events.TryGetValue(seq, out var e) ? e : null;

    /// <summary>Whether the room had an event of this type.</summary>
    public bool Saw(string type) => _events.Values.Any(e => e.Type == type);

    /// <summary>Whether the room had an event of this type after the given seq.</summary>
    public bool SawAfter(string type, long seq) => _events.Any(e => e.Key > seq && e.Value.Type == type);
}
