using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Web.Composition;
using PartyProtocol.Web.Scaleout;
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
    public async Task InstancesStartingTogetherOnAnEmptyRedisAgreeOnOneKey()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisTestServer.SharedConnectionString);
        // Several rounds: without agreement, two instances that both find the ring empty each create a key.
        for (var round = 0; round < 5; round++)
        {
            var prefix = ScaleoutInstance.NewKeyPrefix();
            using var a = KeyRingInstance(redis, prefix);
            using var b = KeyRingInstance(redis, prefix);
            using var start = new Barrier(2);
            var protectedBy = await Task.WhenAll(new[] { a, b }.Select(instance => Task.Run(() =>
            {
                start.SignalAndWait();
                return Protector(instance).Protect("owner token");
            })));

            var ring = await redis.GetDatabase().ListRangeAsync(prefix + "dataprotection-keys");
            Assert.Single(ring);
            Assert.Equal("owner token", Protector(b).Unprotect(protectedBy[0]));
            Assert.Equal("owner token", Protector(a).Unprotect(protectedBy[1]));
        }
    }

    [Fact]
    public async Task AnotherDeploymentOnTheSameRedisCannotRead()
    {
        await using var ours = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, ScaleoutInstance.NewKeyPrefix());
        await using var theirs = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, ScaleoutInstance.NewKeyPrefix());

        var stored = Protector(ours).Protect("owner token");

        Assert.ThrowsAny<CryptographicException>(() => Protector(theirs).Unprotect(stored));
    }

    // The app's own key ring wiring on its own: two of these on one prefix behave as two instances starting together.
    private static ServiceProvider KeyRingInstance(IConnectionMultiplexer redis, string prefix) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton(redis)
            .AddSingleton(new RedisKeys(prefix))
            .AddSingleton(TimeProvider.System)
            .AddRedisKeyRing()
            .BuildServiceProvider();

    private static IDataProtector Protector(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(BrowserStoragePurpose);

    private static IDataProtector Protector(ScaleoutInstance instance) =>
        instance.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(BrowserStoragePurpose);
}
