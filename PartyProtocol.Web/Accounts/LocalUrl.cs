namespace PartyProtocol.Web.Accounts;

/// <summary>Return URLs come from query strings and forms: only local paths are followed, never another site.</summary>
public static class LocalUrl
{
    public static string OrHome(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "~/";
        }

        var local = url.StartsWith('/') ? url : "/" + url;
        // "//host" and "/\host" are protocol-relative URLs to another site.
        return local.StartsWith("//", StringComparison.Ordinal) || local.StartsWith("/\\", StringComparison.Ordinal)
            || !Uri.IsWellFormedUriString(local, UriKind.Relative)
            ? "~/"
            : "~" + local;
    }
}
