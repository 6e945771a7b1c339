using System.ComponentModel.DataAnnotations;

namespace PartyProtocol.Web.Composition;

/// <summary>Screen settings (configuration section <c>Screens</c>).</summary>
public sealed class ScreensOptions : IValidatableObject
{
    public const string SectionName = "Screens";

    /// <summary>
    /// The address phones use to reach this server, e.g. <c>http://192.168.1.20:5141/</c>, for the QR code and the
    /// join address on the big screen. Unset, the address the host screen was opened with is used.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// How many circuits of screens whose connection dropped (a phone asleep, a TV losing Wi-Fi) are kept, so they carry
    /// on where they were when they come back. Blazor's default of 100 is small for a party server: with more sleeping
    /// phones than that, the oldest lose their circuit and must reload (they rejoin with their token, at the cost of a new
    /// circuit). Each kept circuit costs about what a connected phone does.
    /// </summary>
    [Range(0, 100_000)]
    public int DisconnectedCircuitMaxRetained { get; set; } = 1_000;

    /// <summary>How long a dropped screen's circuit is kept: a phone locked between rounds comes back within it.</summary>
    public TimeSpan DisconnectedCircuitRetention { get; set; } = TimeSpan.FromMinutes(3);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicUrl is not null
            && (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult("Screens:PublicUrl must be an absolute http or https address.", [nameof(PublicUrl)]);
        }
    }
}
