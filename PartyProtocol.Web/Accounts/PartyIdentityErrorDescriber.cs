using Microsoft.AspNetCore.Identity;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Accounts;

/// <summary>
/// Identity's refusals worded by <see cref="IdentityMessages"/> in the request's language, so the account API
/// (<c>/api/account/register</c>, …) says them like the register page does; the codes stay Identity's.
/// </summary>
internal sealed class PartyIdentityErrorDescriber(PartyText texts) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Worded(base.DefaultError());

    public override IdentityError DuplicateUserName(string userName) => Worded(base.DuplicateUserName(userName));

    public override IdentityError DuplicateEmail(string email) => Worded(base.DuplicateEmail(email));

    public override IdentityError InvalidUserName(string? userName) => Worded(base.InvalidUserName(userName));

    public override IdentityError InvalidEmail(string? email) => Worded(base.InvalidEmail(email));

    public override IdentityError PasswordTooShort(int length) => Worded(base.PasswordTooShort(length));

    public override IdentityError PasswordRequiresDigit() => Worded(base.PasswordRequiresDigit());

    public override IdentityError PasswordRequiresLower() => Worded(base.PasswordRequiresLower());

    public override IdentityError PasswordRequiresUpper() => Worded(base.PasswordRequiresUpper());

    public override IdentityError PasswordRequiresNonAlphanumeric() => Worded(base.PasswordRequiresNonAlphanumeric());

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Worded(base.PasswordRequiresUniqueChars(uniqueChars));

    private IdentityError Worded(IdentityError error) => new() { Code = error.Code, Description = IdentityMessages.For(error, texts) };
}
