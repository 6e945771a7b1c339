using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Api;
using PartyProtocol.Web.Packs;
using PartyProtocol.Web.Persistence;
using PartyProtocol.Web.Presets;
using PartyProtocol.Web.Health;

namespace PartyProtocol.Web.Composition;

/// <summary>
/// Registers what PartyProtocol persists: accounts (ASP.NET Core Identity: cookie for the pages, bearer tokens for
/// API clients), their config presets and their own question packs, in one database that is created and migrated at start-up: a SQLite file
/// (the default) or, with <c>Accounts:Provider=PostgreSql</c>, a PostgreSQL database every instance shares.
/// </summary>
public static class PersistenceServiceCollectionExtensions
{
    public const string ConnectionStringName = "Accounts";
    public const string DefaultConnectionString = AccountsDatabase.DefaultSqliteConnectionString;

    public static IHostApplicationBuilder AddAccountsAndPresets(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var accounts = builder.Configuration.GetSection(AccountsOptions.SectionName).Get<AccountsOptions>() ?? new AccountsOptions();
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.SectionName).ValidateOnStart();
        var configured = builder.Configuration.GetConnectionString(ConnectionStringName);
        var database = accounts.Provider switch
        {
            AccountsDatabaseProvider.PostgreSql => new AccountsDatabaseSettings(accounts.Provider, string.IsNullOrWhiteSpace(configured)
                ? throw new InvalidOperationException(
                    "Accounts:Provider is PostgreSql but ConnectionStrings:Accounts is not set; give it, e.g. 'Host=db;Database=partyprotocol;Username=party;Password=...'.")
                : configured),
            _ => new AccountsDatabaseSettings(accounts.Provider, ResolveConnectionString(configured ?? DefaultConnectionString, builder.Environment.ContentRootPath)),
        };
        services.AddSingleton(database);

        // Each game's preset settings mapper comes in with its module (CartridgeModuleBuilder.Presets), with a migration
        // per provider for its settings table.
        // The factory serves Blazor circuits and singletons (a short-lived context per operation); it also registers a
        // scoped context, which Identity's stores use within a request. Each provider has its own context type, which
        // carries that provider's migrations; the rest of the app sees the common PartyDbContext.
        if (database.Provider == AccountsDatabaseProvider.PostgreSql)
        {
            AddContext<PostgreSqlPartyDbContext>(services, options => options.UsePostgreSqlAccounts(database.ConnectionString));
        }
        else
        {
            AddContext<SqlitePartyDbContext>(services, options => options.UseSqliteAccounts(database.ConnectionString));
        }

        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks().AddCheck<AccountsDatabaseHealthCheck>(AccountsDatabaseHealthCheck.Name);

        services.AddAuthorization();
        services.AddIdentityApiEndpoints<ApplicationUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // There is no mail server in a self-hosted party box: accounts work as soon as they exist.
                options.SignIn.RequireConfirmedAccount = false;
                // No account is locked by failed log-ins (see PartySignInManager): guessing is limited per client.
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddEntityFrameworkStores<PartyDbContext>()
            .AddSignInManager<PartySignInManager>()
            .AddErrorDescriber<PartyIdentityErrorDescriber>();
        // Game calls send a session token in the same header as an account's access token. Identity's bearer handler
        // runs for every request and would try to decrypt it — a caught CryptographicException and an information
        // log line on every game call — so a token shaped like a session token is left to the game endpoints.
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, options => options.Events.OnMessageReceived = context =>
        {
            if (BearerToken.From(context.Request) is { } token && SessionTokens.IsWellFormed(token))
            {
                context.NoResult();
            }

            return Task.CompletedTask;
        });
        // Requests authenticate with a bearer token or the cookie; a page that needs an account sends the browser to
        // the login page (the cookie's challenge). /api answers 401 itself (ApiAuthorizationResultHandler).
        services.Configure<AuthenticationOptions>(options => options.DefaultChallengeScheme = IdentityConstants.ApplicationScheme);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddSingleton<PresetService>();
        services.AddSingleton<ISessionPresetSource, SessionPresetSource>();

        // Each question game's pack storage comes in with its module (CartridgeModuleBuilder.CustomPacks).
        services.AddOptions<PackOptions>().BindConfiguration(PackOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PackService>();
        services.AddSingleton<SessionQuestions>();
        return builder;
    }

    /// <summary>Stores one cartridge's preset settings in its own table (see <see cref="IPresetSettingsMapper"/>).</summary>
    public static IServiceCollection AddPresetSettingsMapper<TMapper>(this IServiceCollection services)
        where TMapper : class, IPresetSettingsMapper
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPresetSettingsMapper, TMapper>());
        return services;
    }

    private static void AddContext<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : PartyDbContext
    {
        services.AddDbContextFactory<TContext>(configure);
        services.AddSingleton<IDbContextFactory<PartyDbContext>, PartyDbContextFactory<TContext>>();
        services.AddScoped<PartyDbContext>(sp => sp.GetRequiredService<TContext>());
    }

    /// <summary>Maps <c>/api/account</c> (Identity's endpoints), <c>/api/presets</c>, <c>/api/packs</c> and the pages' sign-out form endpoint.</summary>
    public static IEndpointRouteBuilder MapAccountsAndPresets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAccountEndpoints();
        endpoints.MapPresetEndpoints();
        endpoints.MapPackEndpoints();
        return endpoints;
    }

    /// <summary>
    /// A relative database path is taken from the content root (not the working directory), so
    /// <c>dotnet run --project PartyProtocol.Web</c> uses the same file wherever it is started; its folder is created.
    /// </summary>
    internal static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = csb.DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || csb.Mode == SqliteOpenMode.Memory
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        var path = Path.GetFullPath(dataSource, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        csb.DataSource = path;
        return csb.ToString();
    }
}
