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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicUrl is not null
            && (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult("Screens:PublicUrl must be an absolute http or https address.", [nameof(PublicUrl)]);
        }
    }
}
