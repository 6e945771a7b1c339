using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using PartyProtocol.Tests.Infrastructure;
using static PartyProtocol.Tests.Web.Presets.AccountTestClient;

namespace PartyProtocol.Tests.Web.Presets;

/// <summary>The sign-in pages as a browser uses them: plain form posts (with antiforgery) that set and clear the cookie.</summary>
public abstract class AccountPagesTests(PartyAppFactory app)
{
    public sealed class OnSqlite(PartyAppFactory app) : AccountPagesTests(app), IClassFixture<PartyAppFactory>;

    public sealed class OnPostgreSql(PostgreSqlPartyAppFactory app) : AccountPagesTests(app), IClassFixture<PostgreSqlPartyAppFactory>;

    [Fact]
    public async Task RegisterLogOutAndLogInThroughThePagesGuardThePresetsPage()
    {
        using var browser = new Browser(app.BaseAddress);
        var email = NewEmail("pages");

        var anonymous = await browser.GetAsync("/presets");
        Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=%2Fpresets", anonymous.Headers.Location!.PathAndQuery);

        var registered = await browser.SubmitAsync("/Account/Register?ReturnUrl=%2Fpresets", "form[method=post]", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
        AssertRedirectsTo(registered, "/presets");
        var page = await browser.GetAsync("/presets");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Your presets", html);
        Assert.Contains(email, html);

        var loggedOut = await browser.SubmitAsync("/presets", "form[action='Account/Logout']", []);
        Assert.Equal(HttpStatusCode.Found, loggedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/presets")).StatusCode);

        var wrong = await browser.SubmitAsync("/Account/Login?ReturnUrl=%2Fpresets", "form[method=post]", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "Not-the-password-1",
        });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("do not match an account", await wrong.Content.ReadAsStringAsync());

        var loggedIn = await browser.SubmitAsync("/Account/Login?ReturnUrl=%2Fpresets", "form[method=post]", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        });
        AssertRedirectsTo(loggedIn, "/presets");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/presets")).StatusCode);

        // The same account works for API clients.
        using var api = app.CreateLiveClient();
        Assert.True((await api.PostAsJsonAsync("/api/account/login", new { email, password = Password })).IsSuccessStatusCode);
    }

    [Fact]
    public async Task RegistrationRefusalsAreShownOnThePage()
    {
        using var browser = new Browser(app.BaseAddress);
        var email = NewEmail("refused");

        var mismatch = await browser.SubmitAsync("/Account/Register", "form[method=post]", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password + "x",
        });
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Contains("The passwords do not match.", await mismatch.Content.ReadAsStringAsync());

        var weak = await browser.SubmitAsync("/Account/Register", "form[method=post]", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "abcdef",
            ["Input.ConfirmPassword"] = "abcdef",
        });
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        // Identity's refusals in the app's own words.
        var refusal = new HtmlParser().ParseDocument(await weak.Content.ReadAsStringAsync()).QuerySelector("[data-testid=account-error]")!.TextContent;
        Assert.Contains("Add a digit (0–9) to your password.", refusal);
        Assert.Contains("Add a symbol, like ! or #, to your password.", refusal);
        Assert.DoesNotContain("Passwords must have", refusal);

        using var api = app.CreateLiveClient();
        Assert.False((await api.PostAsJsonAsync("/api/account/login", new { email, password = "abcdef" })).IsSuccessStatusCode);
    }

    [Fact]
    public async Task AWrongPasswordKeepsTheReturnAddressAndThePageLooksLikeTheApp()
    {
        using var browser = new Browser(app.BaseAddress);
        var wrong = await browser.SubmitAsync("/Account/Login?ReturnUrl=%2Fpresets", "form[method=post]", new()
        {
            ["Input.Email"] = NewEmail("nobody"),
            ["Input.Password"] = "Wrong-pass1!",
        });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var document = new HtmlParser().ParseDocument(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("do not match an account", document.QuerySelector("[data-testid=account-error]")!.TextContent);
        Assert.Equal("/Account/Login?ReturnUrl=%2Fpresets", document.QuerySelector("form[method=post]")!.GetAttribute("action"));
        Assert.Contains("ReturnUrl=%2Fpresets", document.QuerySelector("a[href*=Register]")!.GetAttribute("href"));
        // The app's frame: the logo home and a way back to where the visitor came from.
        Assert.NotNull(document.QuerySelector("a.account-logo[href='/']"));
        Assert.Equal("/presets", document.QuerySelector("[data-testid=account-back]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AReturnUrlToAnotherSiteIsNotFollowed()
    {
        using var browser = new Browser(app.BaseAddress);
        var response = await browser.SubmitAsync("/Account/Register?ReturnUrl=%2F%2Fevil.example%2F", "form[method=post]", new()
        {
            ["Input.Email"] = NewEmail("redirect"),
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });

        AssertRedirectsTo(response, "/");
    }

    /// <summary>A redirect to <paramref name="path"/> on this very site (relative or absolute, never another host).</summary>
    private void AssertRedirectsTo(HttpResponseMessage response, string path)
    {
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var target = new Uri(app.BaseAddress, response.Headers.Location!);
        Assert.Equal(app.BaseAddress.Authority, target.Authority);
        Assert.Equal(path, target.PathAndQuery);
    }

    /// <summary>Cookies on, redirects off, and forms submitted with whatever hidden fields the page rendered.</summary>
    private sealed class Browser(Uri baseAddress) : IDisposable
    {
        private readonly HttpClient _client = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

        public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

        public async Task<HttpResponseMessage> SubmitAsync(string pagePath, string formSelector, Dictionary<string, string> fields)
        {
            var page = await _client.GetAsync(pagePath);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
            var form = document.QuerySelector(formSelector);
            Assert.NotNull(form);
            var values = form.QuerySelectorAll("input[type=hidden]")
                .Where(i => i.GetAttribute("name") is not null)
                .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
            foreach (var (name, value) in fields)
            {
                values[name] = value;
            }

            var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pagePath;
            var target = new Uri(new Uri(baseAddress, pagePath), action);
            return await _client.PostAsync(target, new FormUrlEncodedContent(values));
        }

        public void Dispose() => _client.Dispose();
    }
}
