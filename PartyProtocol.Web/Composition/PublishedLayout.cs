namespace PartyProtocol.Web.Composition;

/// <summary>
/// A folder made by <c>dotnet publish</c> runs from anywhere: <c>out/PartyProtocol.Web</c> reads its own
/// appsettings.json and serves its own wwwroot, instead of looking for them in whatever directory it was started from.
/// </summary>
public static class PublishedLayout
{
    /// <summary>
    /// The app's own folder when it is a published one (appsettings.json and wwwroot beside the app) and no content root
    /// was given (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>); otherwise null, the
    /// default: the working directory, which <c>dotnet run</c> sets to the project folder.
    /// </summary>
    public static string? ContentRoot(string[] args)
    {
        var folder = AppContext.BaseDirectory;
        var published = Directory.Exists(Path.Combine(folder, "wwwroot")) && File.Exists(Path.Combine(folder, "appsettings.json"));
        var given = args.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        return published && !given ? folder : null;
    }
}
