using MudBlazor.Services;
using PartyProtocol.Web.Components;
using PartyProtocol.Web.Composition;
using PartyProtocol.Web.Diagnostics;
using PartyProtocol.Web.Health;
using PartyProtocol.Web.Localization;
using PartyProtocol.Web.Protection;
using PartyProtocol.Web.Scaleout;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = PublishedLayout.ContentRoot(args) });
// `dotnet run` runs as Production: the framework's and packages' assets are found through the build's manifest (only
// Development does this by itself); a published folder has no such manifest and serves its own wwwroot.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddPartyLocalization();
builder.Services.AddGameEngine()
    .AddInstalledGames();
builder.Services.AddPartyApi();
builder.Services.AddRealtime();
builder.Services.AddAudience();
builder.AddAccountsAndPresets();
builder.Services.AddScreens();
builder.Services.AddScaleout(builder.Configuration);
builder.Services.AddTrustedProxies();
builder.AddPartyTelemetry();

var app = builder.Build();

app.UseTrustedProxies();
app.UsePartyTelemetry();
app.UseBlazorCircuitAdmission();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/Error",
        CreateScopeForErrors = true,
        // Multi-instance mode while Redis is unreachable: a page that needs it (every interactive page, through the
        // shared Data Protection key ring) is unavailable for now, not broken.
        StatusCodeSelector = ex => RedisFaults.CausedByUnavailability(ex) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
    });
}

app.UsePartyLocalization();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();
app.UsePartyApi();

app.MapStaticAssets();
app.MapHealthEndpoints();
app.MapPartyLocalization();
app.MapPartyApi();
app.MapRealtime();
app.MapAudiencePage();
app.MapAccountsAndPresets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();
app.MapDiagnostics();

app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
