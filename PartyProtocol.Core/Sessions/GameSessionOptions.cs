using System.ComponentModel.DataAnnotations;

namespace PartyProtocol.Core.Sessions;

/// <summary>Platform settings (configuration section <c>Sessions</c>).</summary>
public sealed class GameSessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>How long a finished game's final screen stays before the session is deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan GameOverGrace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a player whose devices all dropped (a reload, a phone going to sleep, a wobbly network) keeps their
    /// turn: until then a phase that waits for everyone still waits for them; the phase's own deadline still ends it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a session lives without any move before it expires.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IdleExpiry { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// How often each instance checks that the sessions its clients watch still exist, so a session that expired or was
    /// lost from the store is announced with <c>session.ended</c> within about two of these.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan EndCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
