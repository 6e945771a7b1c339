using Microsoft.EntityFrameworkCore;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Persistence;
using PartyProtocol.Web.Presets;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Web.Composition;

namespace PartyProtocol.Tests.Web.Presets;

/// <summary>A real SQLite file in its own temp folder, migrated like the app does it, with helpers for preset tests.</summary>
public sealed class PresetTestDatabase : IDbContextFactory<PartyDbContext>, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("partyprotocol-presets-");

    public PresetTestDatabase()
    {
        // No pooling: the file is closed with its last connection, so the folder can be deleted afterwards.
        ConnectionString = $"Data Source={Path.Combine(_folder.FullName, "presets.db")};Pooling=False";
    }

    public string ConnectionString { get; }

    /// <summary>Every installed game's mapper, as the app registers them, so the model is the app's model.</summary>
    public IReadOnlyList<IPresetSettingsMapper> Mappers { get; } =
        [.. new ServiceCollection().AddInstalledGames().BuildServiceProvider().GetServices<IPresetSettingsMapper>()];

    public PartyDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<PartyDbContext>().UseSqlite(ConnectionString).Options, Mappers);

    public async Task MigrateAsync()
    {
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync();
    }

    /// <summary>An account row, as registration would leave it; returns its id.</summary>
    public async Task<string> AddUserAsync(string email)
    {
        await using var db = CreateDbContext();
        var user = new ApplicationUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>The preset service for the games in <paramref name="games"/> (the test engine may install fewer than the app).</summary>
    public PresetService CreateService(CartridgeRegistry games, TimeProvider? time = null) =>
        new(this, games, [.. Mappers.Where(m => games.Find(m.GameKey) is not null)], time ?? TimeProvider.System);

    public void Dispose()
    {
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp folders eventually; a still-open handle must not fail the test.
        }
    }
}
