namespace PartyProtocol.Web.Audience;

/// <summary>
/// The audience's phone page. A Blazor circuit per member would cost far more than the 20 KB an idle member may cost
/// the server, so the page is plain HTML and a small script (wwwroot/audience/) over the same REST API and plain
/// WebSocket any client uses; the server holds nothing for it but the socket.
/// </summary>
internal static class AudiencePage
{
    public const string File = "audience/index.html";

    public static IResult Serve(string code, IWebHostEnvironment environment, HttpContext context)
    {
        var page = environment.WebRootFileProvider.GetFileInfo(File);
        if (!page.Exists)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Stream(page.CreateReadStream(), "text/html; charset=utf-8");
    }
}
