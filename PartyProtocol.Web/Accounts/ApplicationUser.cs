using Microsoft.AspNetCore.Identity;

namespace PartyProtocol.Web.Accounts;

/// <summary>A host's account. Playing never needs one; it owns the host's config presets.</summary>
public sealed class ApplicationUser : IdentityUser;
