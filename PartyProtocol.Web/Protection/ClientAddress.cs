using System.Net;
using System.Net.Sockets;

namespace PartyProtocol.Web.Protection;

/// <summary>
/// Who counts as one client for rate limits and connection caps: an IPv4 address, or an IPv6 /64 network — one home or
/// phone gets a whole /64 and can pick a new address in it for every request, so counting addresses would count nothing.
/// Behind a configured proxy this is the forwarded client address (see ForwardedHeaders).
/// </summary>
public static class ClientAddress
{
    /// <summary>The partition key of the request's client.</summary>
    public static string PartitionKey(HttpContext context) => PartitionKey(context.Connection.RemoteIpAddress);

    /// <summary>The partition key of an address: itself for IPv4, its /64 network for IPv6 (e.g. <c>2001:db8:1:2::/64</c>).</summary>
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
