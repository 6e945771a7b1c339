using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace PartyProtocol.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 on a free port, with its own SQLite file in a temp folder (or, after
/// <see cref="WithPostgreSqlAccounts()"/>, its own PostgreSQL database). Add settings with <see cref="WithSetting"/>
/// before the first use; <see cref="BaseAddress"/> is the live server's address.
/// </summary>
public class PartyAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("partyprotocol-test-").FullName;
    private readonly List<Action<IServiceCollection>> _services = [];
    private PostgresTestDatabase? _postgres;
    private bool _started;

    public PartyAppFactory()
    {
        _settings["ConnectionStrings:Accounts"] = $"Data Source={Path.Combine(_dataFolder, "partyprotocol.db")}";
        // Every test calls from 127.0.0.1, and one app serves a whole test class: dozens of accounts registered and
        // signed in, and many unknown room codes tried on purpose. The tests of these limits set their own (or
        // remove these with WithoutSetting to meet the defaults).
        _settings["RateLimits:AccountLoginsPerMinute"] = "100000";
        _settings["RateLimits:AccountRegistrationsPerHour"] = "100000";
        _settings["RateLimits:UnknownCodesPerMinute"] = "100000";
        UseKestrel(0);
    }

    /// <summary>The folder holding this app's SQLite file (deleted on dispose).</summary>
    public string DataFolder => _dataFolder;

    public PartyAppFactory WithSetting(string key, string? value)
    {
        if (_started)
        {
            throw new InvalidOperationException("Settings must be given before the server starts.");
        }

        _settings[key] = value;
        return this;
    }

    /// <summary>Removes a setting this factory gives by default, so the app's own default applies.</summary>
    public PartyAppFactory WithoutSetting(string key)
    {
        if (_started)
        {
            throw new InvalidOperationException("Settings must be given before the server starts.");
        }

        _settings.Remove(key);
        return this;
    }

    /// <summary>Adds or replaces services after the app's own registrations (before the server starts).</summary>
    public PartyAppFactory WithServices(Action<IServiceCollection> configure)
    {
        if (_started)
        {
            throw new InvalidOperationException("Services must be given before the server starts.");
        }

        _services.Add(configure);
        return this;
    }

    /// <summary>Accounts and presets in a new PostgreSQL database of this app's own (dropped on dispose).</summary>
    public PartyAppFactory WithPostgreSqlAccounts() => WithPostgreSqlAccounts(PostgresTestDatabase.Create(), owned: true);

    /// <summary>Accounts and presets in <paramref name="database"/>; with <paramref name="owned"/> it is dropped with this app.</summary>
    public PartyAppFactory WithPostgreSqlAccounts(PostgresTestDatabase database, bool owned)
    {
        if (owned)
        {
            _postgres = database;
        }

        return WithSetting("Accounts:Provider", "PostgreSql").WithSetting("ConnectionStrings:Accounts", database.ConnectionString);
    }

    /// <summary>Starts Kestrel (once) and returns its address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress
    {
        get
        {
            EnsureStarted();
            var server = Services.GetRequiredService<IServer>();
            var address = server.Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        }
    }

    /// <summary>An HttpClient for the live server (real sockets, not the in-memory test server).</summary>
    public HttpClient CreateLiveClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        return client;
    }

    public void EnsureStarted()
    {
        if (!_started)
        {
            _started = true;
            StartServer();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the framework's and packages' assets (_framework/*, _content/*) are only found through
        // the build's static web assets manifest; browsers in end-to-end tests need them.
        builder.UseStaticWebAssets();
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // After the app's own registrations, so a test can replace a service as well as add one.
        builder.ConfigureTestServices(services => _services.ForEach(configure => configure(services)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _postgres?.Dispose();
            try
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS eventually.
            }
        }
    }
}

/// <summary>The real app with accounts and presets on a PostgreSQL database of its own (for class fixtures).</summary>
public sealed class PostgreSqlPartyAppFactory : PartyAppFactory
{
    public PostgreSqlPartyAppFactory()
    {
        WithPostgreSqlAccounts();
    }
}
