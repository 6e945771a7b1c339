using Microsoft.AspNetCore.Identity;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Accounts;

/// <summary>Identity's refusals in the app's own voice and the page's language: short, friendly, and saying what to do.</summary>
public static class IdentityMessages
{
    public static string For(IdentityError error, PartyText texts) => texts[error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail) => "Identity_Duplicate",
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => "Identity_InvalidEmail",
        nameof(IdentityErrorDescriber.PasswordTooShort) => "Identity_PasswordTooShort",
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "Identity_PasswordRequiresDigit",
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => "Identity_PasswordRequiresLower",
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "Identity_PasswordRequiresUpper",
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "Identity_PasswordRequiresNonAlphanumeric",
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => "Identity_PasswordRequiresUniqueChars",
        _ => "Identity_Fallback",
    }];

    /// <summary>Every refusal, one sentence each.</summary>
    public static string For(IEnumerable<IdentityError> errors, PartyText texts) => string.Join(" ", errors.Select(e => For(e, texts)).Distinct());
}
