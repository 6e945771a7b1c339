using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace PartyProtocol.Tests.Web.Scaleout;

/// <summary>
/// Tokens in protected browser storage and account cookies are encrypted with Data Protection keys. Every instance
/// of one deployment shares the key ring in Redis, so a page reloaded onto another instance can still read them.
/// </summary>
[Collection(ScaleoutCollection.Name)]
public sealed class DataProtectionAcrossInstancesTests
{
    // The purpose ProtectedLocalStorage uses, so this is what a phone's stored seat goes through.
    private const string BrowserStoragePurpose = "Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage.ProtectedBrowserStorage";

    [Fact]
    public async Task WhatOneInstanceProtectedAnotherCanRead()
    {
        var prefix = ScaleoutInstance.NewKeyPrefix();
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);

        var stored = Protector(a).Protect("player token of Ada");

        Assert.Equal("player token of Ada", Protector(b).Unprotect(stored));
        Assert.Equal("player token of Ada", Protector(a).Unprotect(Protector(b).Protect("player token of Ada")));

        // The ring lives in Redis under the deployment's prefix, not on this machine's disk.
        var ring = await a.App.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().ListRangeAsync(prefix + "dataprotection-keys");
        Assert.Contains("<key ", Assert.Single(ring).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherDeploymentOnTheSameRedisCannotRead()
    {
        await using var ours = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, ScaleoutInstance.NewKeyPrefix());
        await using var theirs = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, ScaleoutInstance.NewKeyPrefix());

        var stored = Protector(ours).Protect("owner token");

        Assert.ThrowsAny<CryptographicException>(() => Protector(theirs).Unprotect(stored));
    }

    private static IDataProtector Protector(ScaleoutInstance instance) =>
        instance.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(BrowserStoragePurpose);
}
