using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PartyProtocol.Web.Accounts;

/// <summary>
/// Identity's sign-in with two changes, so a log-in answer tells nobody anything about an account:
/// <list type="bullet">
/// <item>No account is ever locked. Identity locks an account after five wrong passwords, and anyone who knows an
/// email can do that again every five minutes, for ever. Guessing is limited per client instead
/// (<c>RateLimits:AccountLoginsPerMinute</c>): what a guesser's failures lock out is the guesser's own address.</item>
/// <item>An unknown email is refused exactly as a wrong password is — the same answer, after the same password-hashing
/// work — so neither the answer nor its timing says whether the email has an account.</item>
/// </list>
/// </summary>
public sealed class PartySignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? _decoyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            // The work a wrong password costs, on a hash of nothing.
            var decoy = new ApplicationUser();
            _decoyHash ??= UserManager.PasswordHasher.HashPassword(decoy, Guid.NewGuid().ToString());
            UserManager.PasswordHasher.VerifyHashedPassword(decoy, _decoyHash, password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
    }

    public override Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure) =>
        base.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);

    // Accounts locked under the old policy are not kept locked either.
    protected override Task<bool> IsLockedOut(ApplicationUser user) => Task.FromResult(false);
}
