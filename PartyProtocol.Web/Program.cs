using MudBlazor.Services;
using PartyProtocol.Web.Components;
using PartyProtocol.Web.Composition;
using PartyProtocol.Web.Diagnostics;
using PartyProtocol.Web.Health;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddGameEngine();
builder.Services.AddPartyApi();
builder.Services.AddRealtime();
builder.AddAccountsAndPresets();
builder.Services.AddScreens();
builder.Services.AddScaleout(builder.Configuration);

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();
app.UsePartyApi();

app.MapStaticAssets();
app.MapHealthEndpoints();
app.MapPartyApi();
app.MapRealtime();
app.MapAccountsAndPresets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();
app.MapDiagnostics();

app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
