using Microsoft.AspNetCore.Identity;

namespace PartyProtocol.Web.Accounts;

/// <summary>Identity's refusals in the app's own voice: short, friendly, and saying what to do.</summary>
public static class IdentityMessages
{
    public static string For(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail) =>
            "There's already an account with this email. Log in instead?",
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => "Enter a valid email address.",
        nameof(IdentityErrorDescriber.PasswordTooShort) => "Your password needs at least 6 characters.",
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "Add a digit (0–9) to your password.",
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => "Add a lower-case letter to your password.",
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "Add an upper-case letter to your password.",
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "Add a symbol, like ! or #, to your password.",
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => "Use a few more different characters in your password.",
        _ => "That didn't work. Check your email and password and try again.",
    };

    /// <summary>Every refusal, one sentence each.</summary>
    public static string For(IEnumerable<IdentityError> errors) => string.Join(" ", errors.Select(For).Distinct());
}
