namespace PartyProtocol.Core.Play;

/// <summary>
/// Random choices derived from the session's seed, so the same seed deals the same game on every instance and in
/// every test. Never derive randomness from player ids or dictionary order: those differ between sessions.
/// </summary>
public static class SeededRandom
{
    /// <summary>A generator for one choice of the game: <paramref name="round"/> and <paramref name="salt"/> tell choices apart.</summary>
    public static Random For(int seed, int round, int salt) =>
        new(unchecked((seed * 7919) + (round * 104_729) + (salt * 1_299_709)) & int.MaxValue);

    /// <summary>A hash of text that is the same in every process (<see cref="string.GetHashCode()"/> is randomised per process).</summary>
    public static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    /// <summary>The items in a seeded random order.</summary>
    public static List<T> Shuffle<T>(IEnumerable<T> items, Random random) => [.. items.OrderBy(_ => random.Next())];
}
