using System.Globalization;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Accounts;

/// <summary>
/// The sign-in forms' validation messages, for DataAnnotations' <c>ErrorMessageResourceType</c>: each property reads its
/// text in the current UI language. The sign-in pages render statically, on the request that posted the form, so that
/// is the request's language (the player's own choice, else Accept-Language).
/// </summary>
public static class AccountValidation
{
    public static string EnterEmail => Text("Account_EnterEmail");

    public static string EnterValidEmail => Text("Account_EnterValidEmail");

    public static string EmailTooLong => Text("Account_EmailTooLong");

    public static string EnterPassword => Text("Account_EnterPassword");

    public static string ChoosePassword => Text("Account_ChoosePassword");

    public static string PasswordLength => Text("Account_PasswordLength");

    public static string PasswordsDiffer => Text("Account_PasswordsDiffer");

    private static string Text(string key) => PartyText.For(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)[key];
}
