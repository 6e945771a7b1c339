using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// The Data Protection key ring in Redis, with one rule added for an empty ring: instances that start together on an
/// empty Redis would each find no key, each create one and each encrypt with its own until their rings refresh, so a
/// phone's stored seat or a sign-in cookie written by one instance could not be read by the other. Here the instance
/// that finds the ring empty takes a short lease in Redis and creates the first key; the others wait (up to the lease)
/// until that key is in the ring and use it. Later keys are made well before they are needed, and every instance reads
/// them before they become active, so only the first key needs this.
/// </summary>
internal sealed class SharedKeyRingRepository(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time) : IXmlRepository
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private readonly RedisXmlRepository _ring = new(() => redis.GetDatabase(), keys.DataProtectionKeys);
    private readonly string _holder = Guid.NewGuid().ToString("N");

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = _ring.GetAllElements();
        if (elements.Count > 0)
        {
            return elements;
        }

        var giveUpAt = time.GetUtcNow() + Lease;
        while (true)
        {
            // The lease is ours: we create the first key (read once more, in case it was stored meanwhile).
            if (redis.GetDatabase().StringSet(keys.DataProtectionFirstKeyLock, _holder, Lease, When.NotExists))
            {
                return _ring.GetAllElements();
            }

            // Another instance is creating it: wait for it. If that instance died holding the lease, create our own.
            Thread.Sleep(PollInterval);
            elements = _ring.GetAllElements();
            if (elements.Count > 0 || time.GetUtcNow() > giveUpAt)
            {
                return elements;
            }
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        _ring.StoreElement(element, friendlyName);
        redis.GetDatabase().ScriptEvaluate(ReleaseScript, [keys.DataProtectionFirstKeyLock], [_holder]);
    }
}
