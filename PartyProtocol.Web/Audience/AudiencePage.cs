using System.Text.Encodings.Web;
using System.Text.Json;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Localization;
using PartyProtocol.Web.Protection;

namespace PartyProtocol.Web.Audience;

/// <summary>
/// The audience's phone page. A Blazor circuit per member would cost far more than the 20 KB an idle member may cost
/// the server, so the page is plain HTML and a small script (wwwroot/audience/) over the same REST API and plain
/// WebSocket any client uses; the server holds nothing for it but the socket. The HTML is written here, in the room's
/// language unless the person chose their own (the phone's rule, <see cref="PartyText.FollowRoom"/>), and carries the
/// script's sentences in that language, so the script has no words of its own.
/// </summary>
internal static class AudiencePage
{
    /// <summary>The script's sentences, by the name it uses (<c>Audience_&lt;name&gt;</c> in the texts).</summary>
    private static readonly string[] ScriptTexts =
    [
        "Joining", "Members", "VoteIn", "VoteFailed", "WaitingTitle", "PlayersSoFar_One", "PlayersSoFar_Other", "OverTitle", "Thanks",
        "PickTruth", "WritingLies", "WatchScreen", "AnswerWith", "VotesClosed", "TooMany", "TryingAgain", "CantJoin", "TryAgainSoon",
        "Welcome", "HoldOn",
    ];

    public static async Task<IResult> ServeAsync(string code, HttpContext context, PartyText texts, GameService games,
        UnknownCodeGuard guard, CancellationToken cancellationToken)
    {
        // The page's language must not tell which codes are live: a look-up costs an unknown code like any other
        // read of one, and a client with none left gets the browser's language, as for a room that does not exist.
        var client = ClientAddress.PartitionKey(context);
        if (!texts.Chosen && guard.Check(client) is null)
        {
            // A store that does not answer leaves the browser's language too; joining then says why.
            var view = await games.GetViewAsync(code, Viewer.Audience, cancellationToken);
            if (view.IsSuccess && view.Value.Settings.TryGetValue(PackLanguage.Setting.Name, out var language)
                && language.ValueKind == JsonValueKind.String)
            {
                texts.FollowRoom(language.GetString());
            }
            else if (!view.IsSuccess && view.Error.Code == ErrorCodes.SessionNotFound)
            {
                guard.RecordMiss(client);
            }
        }

        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Content(Html(texts), "text/html; charset=utf-8");
    }

    private static string Html(PartyText texts)
    {
        static string E(string text) => HtmlEncoder.Default.Encode(text);
        var (hintBefore, hintAfter) = texts.Around("Audience_Hint");
        // The serializer escapes <, > and & in JSON strings, so the blob cannot end its script element early.
        var script = JsonSerializer.Serialize(new
        {
            lang = texts.Language,
            texts = ScriptTexts.ToDictionary(name => name, name => texts["Audience_" + name].Value),
        });
        return $"""
            <!DOCTYPE html>
            <html lang="{E(texts.Language)}">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1.0" />
                <title>{E(texts["Audience_PageTitle"])}</title>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
                <link rel="stylesheet" href="/audience/audience.css" />
            </head>
            <body>
                <header>
                    <span class="brand">PartyProtocol</span>
                    <span class="room" id="room"></span>
                    <span class="members" id="members" aria-live="polite"></span>
                </header>
                <main>
                    <p class="badge">{E(texts["Audience_Badge"])}</p>
                    <p id="hint" class="status" hidden>{E(hintBefore)}<a href="/join">{E(texts["Audience_GoBack"])}</a>{E(hintAfter)}</p>
                    <h1 id="title">{E(texts["Audience_Joining"])}</h1>
                    <p id="status" class="status" aria-live="polite"></p>
                    <div id="choices" class="choices"></div>
                    <div id="tally" class="tally"></div>
                </main>
                <script type="application/json" id="texts">{script}</script>
                <script src="/audience/audience.js"></script>
            </body>
            </html>
            """;
    }
}
