using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Components;
using static PartyProtocol.Tests.Web.Presets.AccountTestClient;

namespace PartyProtocol.Tests.Web.Presets;

/// <summary>
/// The sign-in pages for a browser that speaks Danish: their frame, the form's own checks (DataAnnotations) and
/// Identity's refusals are Danish, as a plain form post renders them.
/// </summary>
public sealed class AccountPagesInDanishTests(PartyAppFactory app) : IClassFixture<PartyAppFactory>, IDisposable
{
    private readonly HttpClient _browser = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = app.BaseAddress,
        DefaultRequestHeaders = { AcceptLanguage = { new("da") } },
    };

    public void Dispose() => _browser.Dispose();

    private async Task<IDocument> SubmitAsync(string path, Dictionary<string, string> fields)
    {
        var page = new HtmlParser().ParseDocument(await _browser.GetStringAsync(path));
        var form = page.QuerySelector("form[method=post]")!;
        var values = form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") is not null)
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var response = await _browser.PostAsync(new Uri(app.BaseAddress, form.GetAttribute("action")), new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnEmptyLoginFormIsRefusedFieldByFieldInDanish()
    {
        var page = await SubmitAsync("/Account/Login", new() { ["Input.Email"] = "", ["Input.Password"] = "" });

        var messages = page.QuerySelectorAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Equal(["Skriv din e-mail.", "Skriv din adgangskode."], messages);
        Assert.Equal("da", page.QuerySelector(".account-page")!.GetAttribute("lang"));
        Assert.Equal("PartyProtocols forside", page.QuerySelector("a.account-logo")!.GetAttribute("aria-label"));
        Assert.Contains("Tilbage til PartyProtocol", page.QuerySelector("[data-testid=account-back]")!.TextContent, StringComparison.Ordinal);
        NoEnglish.AssertPage(page.QuerySelector(".account-page")!, "PartyProtocol");
    }

    [Fact]
    public async Task RegistrationRefusalsAreShownInDanish()
    {
        var mismatch = await SubmitAsync("/Account/Register", new()
        {
            ["Input.Email"] = "not-an-address",
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password + "x",
        });
        var weak = await SubmitAsync("/Account/Register", new()
        {
            ["Input.Email"] = NewEmail("svag"),
            ["Input.Password"] = "abcdef",
            ["Input.ConfirmPassword"] = "abcdef",
        });

        var messages = mismatch.QuerySelectorAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Equal(["Skriv en gyldig e-mailadresse.", "Adgangskoderne er ikke ens."], messages);
        var refusal = weak.QuerySelector("[data-testid=account-error]")!.TextContent;
        Assert.Contains("Tilføj et tal (0–9) til din adgangskode.", refusal, StringComparison.Ordinal);
        Assert.Contains("Tilføj et symbol som ! eller # til din adgangskode.", refusal, StringComparison.Ordinal);
        NoEnglish.AssertPage(weak.QuerySelector(".account-page")!, "PartyProtocol", "abcdef");
    }
}
