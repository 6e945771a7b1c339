using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;
using static PartyProtocol.Tests.Web.Packs.PackTestData;
using static PartyProtocol.Tests.Web.Presets.AccountTestClient;

namespace PartyProtocol.Tests.Web.Packs;

/// <summary>
/// /api/packs on the real app (Kestrel on loopback), with accounts made through /api/account — on its own SQLite file and
/// on its own PostgreSQL database: create, read, replace, delete, who may see what, every content rule, files both ways.
/// </summary>
public abstract class PackApiTests(PartyAppFactory app)
{
    public sealed class OnSqlite(PartyAppFactory app) : PackApiTests(app), IClassFixture<PartyAppFactory>;

    public sealed class OnPostgreSql(PostgreSqlPartyAppFactory app) : PackApiTests(app), IClassFixture<PostgreSqlPartyAppFactory>;

    protected PartyAppFactory App => app;

    [Fact]
    public async Task AnonymousCallsGetAProblem401()
    {
        using var client = app.CreateLiveClient();
        var requests = new[]
        {
            new HttpRequestMessage(HttpMethod.Get, "/api/packs"),
            new HttpRequestMessage(HttpMethod.Post, "/api/packs") { Content = JsonContent.Create(new { name = "x", game = "bluff" }) },
            new HttpRequestMessage(HttpMethod.Get, "/api/packs/1"),
            new HttpRequestMessage(HttpMethod.Put, "/api/packs/1") { Content = JsonContent.Create(new { name = "x" }) },
            new HttpRequestMessage(HttpMethod.Delete, "/api/packs/1"),
            new HttpRequestMessage(HttpMethod.Post, "/api/packs/import") { Content = new StringContent("text,truth", Encoding.UTF8, "text/csv") },
            new HttpRequestMessage(HttpMethod.Get, "/api/packs/1/export"),
            new HttpRequestMessage(HttpMethod.Post, "/api/packs/1/share"),
            new HttpRequestMessage(HttpMethod.Delete, "/api/packs/1/share"),
            new HttpRequestMessage(HttpMethod.Get, "/api/packs/shared/ABCDEFGH"),
            new HttpRequestMessage(HttpMethod.Post, "/api/packs/shared/ABCDEFGH/copy"),
        };
        foreach (var request in requests)
        {
            using var response = await client.SendAsync(request);
            Assert.Null(response.Headers.Location);
            await ProblemAsync(response, 401, "unauthorized");
        }
    }

    [Fact]
    public async Task APackIsCreatedReadReplacedAndDeleted()
    {
        using var client = await SignedInAsync(app, "crud");

        var created = await client.PostAsJsonAsync("/api/packs", Pack("  Office party  ", "bluff", BluffQuestions(), "en-GB", "Facts from the office."));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pack = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = pack.GetProperty("id").GetInt64();
        Assert.Equal($"/api/packs/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal($"own:{id}", pack.GetProperty("ref").GetString());
        Assert.Equal(("Office party", "bluff", "en-GB", "Facts from the office.", 3),
            (pack.GetProperty("name").GetString(), pack.GetProperty("game").GetString(), pack.GetProperty("language").GetString(),
             pack.GetProperty("description").GetString(), pack.GetProperty("questionCount").GetInt32()));
        Assert.False(pack.TryGetProperty("shareCode", out _));
        var questions = QuestionsOf(pack);
        // The server names every question; the rest is kept as written.
        Assert.All(questions, q => Assert.Matches("^q[a-z2-9]{12}$", q.GetProperty("id").GetString()));
        Assert.Equal(3, questions.Select(q => q.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(BluffQuestions().Select(Canonical), questions.Select(WithoutId));

        var read = await client.GetFromJsonAsync<JsonElement>($"/api/packs/{id}");
        Assert.Equal(pack.GetRawText(), read.GetRawText());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/packs");
        var listed = Assert.Single(list.EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetInt64());
        Assert.False(listed.TryGetProperty("questions", out _));
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/packs?game=bluff")).EnumerateArray());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/packs?game=quiz")).EnumerateArray());

        // Replace: the last question first and edited, the first one dropped, one new; kept ids stay, others are new.
        var last = JsonNode.Parse(questions[2].GetRawText())!.AsObject();
        last["truth"] = "puppy";
        var middle = JsonNode.Parse(questions[1].GetRawText())!.AsObject();
        var added = Json("""{ "id": "made-up", "text": "The national animal of Scotland is the <BLANK>.", "truth": "unicorn", "alternates": [], "decoys": ["stag", "eagle"], "familyFriendly": true }""");
        var replaced = await client.PutAsJsonAsync($"/api/packs/{id}", new { name = "Office night", language = "en", questions = new[] { last, middle, added } });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var changed = await client.GetFromJsonAsync<JsonElement>($"/api/packs/{id}");
        var after = QuestionsOf(changed);
        Assert.Equal("Office night", changed.GetProperty("name").GetString());
        Assert.Equal("", changed.GetProperty("description").GetString());
        Assert.Equal(3, changed.GetProperty("questionCount").GetInt32());
        Assert.Equal([questions[2].GetProperty("id").GetString(), questions[1].GetProperty("id").GetString()],
            after.Take(2).Select(q => q.GetProperty("id").GetString()));
        Assert.Equal("puppy", after[0].GetProperty("truth").GetString());
        Assert.NotEqual("made-up", after[2].GetProperty("id").GetString());
        // A question without a category takes the pack's name.
        Assert.Equal("Office night", after[2].GetProperty("category").GetString());
        Assert.Equal(pack.GetProperty("createdAt").GetDateTimeOffset(), changed.GetProperty("createdAt").GetDateTimeOffset());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/packs/{id}")).StatusCode);
        await ProblemAsync(await client.GetAsync($"/api/packs/{id}"), 404, "pack_not_found");
        await ProblemAsync(await client.DeleteAsync($"/api/packs/{id}"), 404, "pack_not_found");
        await ProblemAsync(await client.GetAsync("/api/packs/not-a-number"), 404, "pack_not_found");
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray());
    }

    [Fact]
    public async Task AnotherAccountsPackLooksExactlyLikeAMissingOne()
    {
        using var ann = await SignedInAsync(app, "ann");
        using var bob = await SignedInAsync(app, "bob");
        var pack = await CreatePackAsync(ann, "Ann's facts");
        var id = pack.GetProperty("id").GetInt64();

        var missing = await ProblemAsync(await bob.GetAsync($"/api/packs/{id + 100000}"), 404, "pack_not_found");
        var hidden = await ProblemAsync(await bob.GetAsync($"/api/packs/{id}"), 404, "pack_not_found");
        Assert.Equal(missing.GetProperty("title").GetString(), hidden.GetProperty("title").GetString());
        await ProblemAsync(await bob.PutAsJsonAsync($"/api/packs/{id}", Pack("Mine now", "bluff", BluffQuestions())), 404, "pack_not_found");
        await ProblemAsync(await bob.DeleteAsync($"/api/packs/{id}"), 404, "pack_not_found");
        await ProblemAsync(await bob.GetAsync($"/api/packs/{id}/export"), 404, "pack_not_found");
        await ProblemAsync(await bob.PostAsync($"/api/packs/{id}/share", null), 404, "pack_not_found");
        await ProblemAsync(await bob.DeleteAsync($"/api/packs/{id}/share"), 404, "pack_not_found");
        Assert.Empty((await bob.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray());
        // Nor can Bob play it.
        await ProblemAsync(await bob.PostAsJsonAsync("/api/sessions", new { game = "bluff", settings = new { rounds = 2 }, packs = new[] { $"own:{id}" } }),
            404, "pack_not_found");
        await ProblemAsync(await bob.PostAsJsonAsync("/api/presets", new { name = "Ann's", game = "bluff", packs = new[] { $"own:{id}" } }),
            404, "pack_not_found");

        // Bob may use the same name for his own pack.
        await CreatePackAsync(bob, "Ann's facts");
        Assert.Equal(3, (await ann.GetFromJsonAsync<JsonElement>($"/api/packs/{id}")).GetProperty("questionCount").GetInt32());
    }

    [Fact]
    public async Task ANameIsUniquePerGameIgnoringCase()
    {
        using var client = await SignedInAsync(app, "names");
        await CreatePackAsync(client, "Party");
        var other = await CreatePackAsync(client, "Other");

        var clash = await ProblemAsync(await client.PostAsJsonAsync("/api/packs", Pack("PARTY ", "bluff", BluffQuestions())), 409, "pack_name_taken");
        Assert.True(clash.GetProperty("errors").TryGetProperty("name", out _));
        await ProblemAsync(await client.PutAsJsonAsync($"/api/packs/{other.GetProperty("id")}", Pack("party", "bluff", BluffQuestions())), 409, "pack_name_taken");
        // Another game's pack may have the name.
        await CreatePackAsync(client, "Party", "quiz");
        Assert.Equal(3, (await client.GetFromJsonAsync<JsonElement>("/api/packs")).GetArrayLength());
    }

    public static TheoryData<string, string, string, string> BrokenQuestions => new()
    {
        { "bluff", """{ "text": "No blank here." }""", "text", "exactly one <BLANK>" },
        { "bluff", """{ "text": "<BLANK> and <BLANK>." }""", "text", "exactly one <BLANK>" },
        { "bluff", """{ "text": "" }""", "text", "is missing" },
        { "bluff", $$"""{ "text": "{{new string('a', 200)}} <BLANK>" }""", "text", "longer than 200" },
        { "bluff", """{ "truth": "" }""", "truth", "1–60 characters" },
        { "bluff", $$"""{ "truth": "{{new string('t', 61)}}" }""", "truth", "1–60 characters" },
        { "bluff", """{ "truth": "?!" }""", "truth", "at least one letter or digit" },
        { "bluff", """{ "alternates": null }""", "alternates", "is missing" },
        { "bluff", """{ "alternates": ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"] }""", "alternates", "more than 10" },
        { "bluff", """{ "alternates": ["..."] }""", "alternates", "no letter or digit" },
        { "bluff", """{ "decoys": ["parliament"] }""", "decoys", "at least 2" },
        { "bluff", """{ "decoys": ["parliament", ""] }""", "decoys", "empty or longer" },
        { "bluff", """{ "decoys": ["parliament", "A Murder!"] }""", "decoys", "which is a right answer" },
        { "bluff", """{ "decoys": ["parliament", "Parliament"] }""", "decoys", "twice" },
        { "bluff", """{ "text": "A murder of crows is also called a <BLANK>." }""", "text", "gives an answer away" },
        { "bluff", $$"""{ "category": "{{new string('c', 41)}}" }""", "category", "longer than 40" },
        { "bluff", $$"""{ "source": "{{new string('s', 201)}}" }""", "source", "longer than 200" },
        { "quiz", """{ "text": "" }""", "text", "is missing" },
        { "quiz", $$"""{ "text": "{{new string('q', 161)}}" }""", "text", "longer than 160" },
        { "quiz", """{ "choices": ["Orchid"] }""", "choices", "2–4 entries" },
        { "quiz", """{ "choices": ["Orchid", "Fern", "Rose", "Ivy", "Moss"] }""", "choices", "2–4 entries" },
        { "quiz", """{ "choices": ["Orchid", " "] }""", "choices", "empty or longer" },
        { "quiz", """{ "choices": ["Orchid", "ORCHID!"] }""", "decoys", "which is a right answer" },
        { "quiz", """{ "choices": ["Orchid", "Fern", "fern"] }""", "decoys", "twice" },
        { "quiz", """{ "correct": 4 }""", "correct", "index of one of the 4 choices" },
        { "quiz", """{ "correct": -1 }""", "correct", "index of one of the 4 choices" },
        { "quiz", """{ "timeLimitSeconds": 4 }""", "timeLimitSeconds", "5–120 seconds" },
        { "quiz", """{ "text": "Was the orchid from Lisbon?" }""", "text", "gives an answer away" },
    };

    [Theory]
    [MemberData(nameof(BrokenQuestions))]
    public async Task AQuestionThatBreaksARuleOfTheBuiltInPacksIsRefusedOnItsFieldAndNothingIsSaved(string game, string changes, string field,
        string message)
    {
        using var client = await SignedInAsync(app, "rules");
        var questions = game == "bluff" ? BluffQuestions() : QuizQuestions();
        questions[1] = Changed(game, changes);

        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/packs", Pack("Broken", game, questions)), 422, "invalid_input");

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty($"questions[1].{field}", out var messages), errors.GetRawText());
        Assert.Contains(message, messages[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Question 2: ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray());
    }

    [Fact]
    public async Task QuestionsThatGiveEachOtherAwayAreRefusedLikeInTheBuiltInPacks()
    {
        using var client = await SignedInAsync(app, "duplicates");
        var sameTruth = Json("""{ "text": "Lawyers in a pack of crows might say <BLANK>.", "truth": "Murder!", "alternates": [], "decoys": ["fraud", "theft"], "familyFriendly": true }""");
        var nearlyTheSame = Json("""{ "text": "A group of crows is often called a <BLANK>.", "truth": "horde", "alternates": [], "decoys": ["flock", "gang"], "familyFriendly": true }""");

        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/packs", Pack("Twins", "bluff", [.. BluffQuestions(), sameTruth, nearlyTheSame])),
            422, "invalid_input");

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("questions[3].truth", out _), errors.GetRawText());
        Assert.Contains("same answer as question", errors.GetProperty("questions[3].truth")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("nearly repeats question", errors.GetProperty("questions[4].text")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "game": "bluff", "questions": [] }""", "name", "1–60 characters")]
    [InlineData("""{ "name": "   ", "game": "bluff", "questions": [] }""", "name", "1–60 characters")]
    [InlineData("""{ "name": "Tab\there", "game": "bluff", "questions": [] }""", "name", "control characters")]
    [InlineData("""{ "name": "x", "questions": [] }""", "game", "Say which game")]
    [InlineData("""{ "name": "x", "game": "chess", "questions": [] }""", "game", "no game 'chess'")]
    [InlineData("""{ "name": "x", "game": "bluff", "language": "english please", "questions": [] }""", "language", "language tag")]
    [InlineData("""{ "name": "x", "game": "bluff", "language": "e", "questions": [] }""", "language", "language tag")]
    public async Task APackWhoseNameGameOrLanguageBreaksARuleIsRefusedOnThatField(string body, string field, string message)
    {
        using var client = await SignedInAsync(app, "fields");

        var problem = await ProblemAsync(await client.PostAsync("/api/packs", new StringContent(body, Encoding.UTF8, "application/json")),
            422, "invalid_input");

        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADescriptionOverFiveHundredCharactersAndAChangeOfGameAreRefused()
    {
        using var client = await SignedInAsync(app, "description");
        await ProblemAsync(await client.PostAsJsonAsync("/api/packs", Pack("Long", "bluff", BluffQuestions(), description: new string('d', 501))),
            422, "invalid_input");
        var pack = await CreatePackAsync(client, "Mine");

        var problem = await ProblemAsync(await client.PutAsJsonAsync($"/api/packs/{pack.GetProperty("id")}", Pack("Mine", "quiz", QuizQuestions())),
            422, "invalid_input");
        Assert.Contains("cannot change", problem.GetProperty("errors").GetProperty("game")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "correct": "first" }""", "questions[0]")]
    [InlineData("""{ "colour": "red" }""", "questions[0]")]
    [InlineData("""{ "familyFriendly": null }""", "questions[0]")]
    public async Task AQuestionOfTheWrongShapeIsA400NamingIt(string changes, string field)
    {
        using var client = await SignedInAsync(app, "shape");
        var questions = QuizQuestions();
        questions[0] = Changed("quiz", changes);

        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/packs", Pack("Shape", "quiz", questions)), 400, "invalid_input");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        await ProblemAsync(await client.PostAsJsonAsync("/api/packs", new { name = "x", game = "quiz", questions = Array.Empty<object>(), colour = 1 }),
            400, "invalid_input");
    }

    [Fact]
    public async Task AJsonExportImportsBackAsTheSamePackAndLoadsFromTheExtraPacksFolder()
    {
        using var client = await SignedInAsync(app, "json");
        var pack = await CreatePackAsync(client, "Round trip", "quiz");

        var export = await client.GetAsync($"/api/packs/{pack.GetProperty("id")}/export?format=json");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("round-trip.quiz.json", export.Content.Headers.ContentDisposition?.FileNameStar ?? export.Content.Headers.ContentDisposition?.FileName);
        var file = await export.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(file).RootElement;
        Assert.Equal(("quiz", "round-trip", "Round trip", "en"),
            (json.GetProperty("game").GetString(), json.GetProperty("pack").GetString(), json.GetProperty("name").GetString(), json.GetProperty("language").GetString()));

        // Dropped into Content:ExtraPacksFolder, it loads beside the built-in packs (a source is not required there).
        var folder = Directory.CreateTempSubdirectory("partyprotocol-extra-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "round-trip.quiz.json"), file);
            var library = QuizContent.Load(folder.FullName);
            Assert.Equal(QuestionsOf(pack).Select(q => q.GetProperty("id").GetString()),
                library.Entries.Where(e => e.Pack.Pack == "round-trip").Select(e => e.Question.Id));
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        await client.DeleteAsync($"/api/packs/{pack.GetProperty("id")}");
        var imported = await ApiOkAsync(await client.PostAsync("/api/packs/import", new StringContent(file, Encoding.UTF8, "application/json")),
            HttpStatusCode.Created);
        Assert.Equal("Round trip", imported.GetProperty("name").GetString());
        Assert.Equal(QuestionsOf(pack).Select(WithoutId), QuestionsOf(imported).Select(WithoutId));
    }

    [Fact]
    public async Task ACsvExportImportsBackAsTheSamePackWithItsOddCharacters()
    {
        using var client = await SignedInAsync(app, "csv");
        var odd = Json("""{ "text": "=SUM(1) and \"quotes\", commas; a <BLANK>\u00e9!", "truth": "-40 degrees", "alternates": ["minus 40", "+40"], "decoys": ["@home", "zero, exactly"], "category": "Odd", "familyFriendly": false, "source": "Line\u00e9" }""");
        var pack = await CreatePackAsync(client, "Odd one", "bluff", [.. BluffQuestions(), odd]);

        var export = await client.GetAsync($"/api/packs/{pack.GetProperty("id")}/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var csv = await export.Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,text,truth,alternates,decoys,category,familyFriendly,source", lines[0]);
        Assert.Equal(5, lines.Length);
        // Cells a spreadsheet would run as formulas are escaped with a leading '.
        Assert.Contains("'=SUM(1)", csv, StringComparison.Ordinal);

        var imported = await ApiOkAsync(await client.PostAsync("/api/packs/import?game=bluff&name=Odd%20again&description=Back",
            new StringContent(csv, Encoding.UTF8, "text/csv")), HttpStatusCode.Created);
        Assert.Equal(("Odd again", "Back", "en"), (imported.GetProperty("name").GetString(), imported.GetProperty("description").GetString(),
            imported.GetProperty("language").GetString()));
        Assert.Equal(QuestionsOf(pack).Select(WithoutId), QuestionsOf(imported).Select(WithoutId));
        // Imported questions get ids of their own.
        Assert.Empty(QuestionsOf(pack).Select(q => q.GetProperty("id").GetString()).Intersect(QuestionsOf(imported).Select(q => q.GetProperty("id").GetString())));
    }

    [Fact]
    public async Task ACsvWithoutHeaderOrWithColumnsInAnotherOrderImportsAsTheLayoutSays()
    {
        using var client = await SignedInAsync(app, "layout");
        var headerless = "Which planet is known as the red one?,Mars,Venus,Jupiter,,1,,,,\r\nHow many legs does a spider have?,Six,Eight,,,2,Animals,30,no,Book\r\n";
        var reordered = "correct,choice2,choice1,text\r\n2,Mars,Venus,Which planet is known as the red one?\r\n";

        var first = await ApiOkAsync(await client.PostAsync("/api/packs/import?game=quiz&name=Headerless",
            new StringContent(headerless, Encoding.UTF8, "text/csv")), HttpStatusCode.Created);
        var second = await ApiOkAsync(await client.PostAsync("/api/packs/import?game=quiz&name=Reordered",
            new StringContent(reordered, Encoding.UTF8, "text/csv")), HttpStatusCode.Created);

        var spider = QuestionsOf(first)[1];
        Assert.Equal(["Six", "Eight"], spider.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(1, spider.GetProperty("correct").GetInt32());
        Assert.Equal((30, false, "Animals", "Book"), (spider.GetProperty("timeLimitSeconds").GetInt32(), spider.GetProperty("familyFriendly").GetBoolean(),
            spider.GetProperty("category").GetString(), spider.GetProperty("source").GetString()));
        var mars = QuestionsOf(second)[0];
        Assert.Equal(["Venus", "Mars"], mars.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(1, mars.GetProperty("correct").GetInt32());
        Assert.True(mars.GetProperty("familyFriendly").GetBoolean());
        Assert.Equal("Reordered", mars.GetProperty("category").GetString());
    }

    [Fact]
    public async Task ACsvImportWithBadRowsNamesEachRowAndImportsNothing()
    {
        using var client = await SignedInAsync(app, "rows");
        var csv = """
            text,truth,decoys,familyFriendly
            A group of crows is called a <BLANK>.,murder,parliament|council,yes
            No blank at all.,tittle,jot|pip,yes
            The national animal of Scotland is the <BLANK>.,unicorn,stag,perhaps
            """;

        var problem = await ProblemAsync(await client.PostAsync("/api/packs/import?game=bluff&name=Rows", new StringContent(csv, Encoding.UTF8, "text/csv")),
            422, "invalid_input");

        var errors = problem.GetProperty("errors");
        Assert.Contains("exactly one <BLANK>", errors.GetProperty("rows[3].text")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("at least 2", errors.GetProperty("rows[4].decoys")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("yes or no", errors.GetProperty("rows[4].familyFriendly")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Line 3: ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray());
    }

    [Theory]
    [InlineData("text/csv", "text,truth,decoys\r\n\"A <BLANK> never closed,x,y|z\r\n", "cannot be read at line 2")]
    [InlineData("text/csv", "text,truth,decoys,colour\r\nA <BLANK>.,x,y|z,red\r\n", "column 'colour'")]
    [InlineData("text/csv", "text,decoys\r\nA <BLANK>.,y|z\r\n", "no column 'truth'")]
    [InlineData("text/csv", "A <BLANK>.,x,,y|z,,yes,,extra\r\n", "Line 1 has 8 values")]
    [InlineData("text/csv", "\r\n\r\n", "empty")]
    [InlineData("application/json", "{ \"game\": \"bluff\", \"name\": \"x\", \"language\": \"en\", \"questions\": [ { \"text\": 1 } ] }", "not a pack file")]
    [InlineData("application/json", "{ \"name\": \"x\", \"language\": \"en\", \"questions\": [] }", "which game")]
    [InlineData("application/json", "{ \"game\": \"chess\", \"name\": \"x\", \"language\": \"en\", \"questions\": [] }", "no game 'chess'")]
    [InlineData("application/json", "{ \"game\": \"bluff\", \"name\": \"x\", \"language\": \"en\", \"questions\": [] }", "no questions")]
    [InlineData("application/json", "not json at all", "not a pack file")]
    public async Task AFileThatIsNotAPackGetsAClearInvalidPackFileProblem(string contentType, string content, string message)
    {
        using var client = await SignedInAsync(app, "files");
        // A CSV names its game and pack in the query; a pack file names them itself.
        var query = contentType == "text/csv" ? "?game=bluff&name=File" : string.Empty;

        var problem = await ProblemAsync(await client.PostAsync("/api/packs/import" + query, new StringContent(content, Encoding.UTF8, contentType)),
            400, "invalid_pack_file");

        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(await client.PostAsync("/api/packs/import", new StringContent("<pack/>", Encoding.UTF8, "application/xml")), 415, "unsupported_media_type");
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray());
    }

    [Fact]
    public async Task APackOverAThousandQuestionsIsRefusedWhetherWrittenOrImported()
    {
        using var client = await SignedInAsync(app, "thousand");
        var questions = Enumerable.Range(0, 1001).Select(i => Json($$"""{ "text": "Fact {{i}} is <BLANK>.", "truth": "t{{i}}", "alternates": [], "decoys": ["a{{i}}", "b{{i}}"], "familyFriendly": true }""")).ToArray();
        var csv = "text,truth,decoys\r\n" + string.Concat(Enumerable.Range(0, 1001).Select(i => $"Fact {i} is <BLANK>.,t{i},a{i}|b{i}\r\n"));

        await ProblemAsync(await client.PostAsJsonAsync("/api/packs", Pack("Big", "bluff", questions)), 422, "too_many_questions");
        await ProblemAsync(await client.PostAsync("/api/packs/import?game=bluff&name=Big", new StringContent(csv, Encoding.UTF8, "text/csv")), 422, "too_many_questions");
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray());
    }

    [Fact]
    public async Task APublishedPackIsCopiedWithItsCodeAndUnpublishingStopsNewCopiesButCopiesStay()
    {
        using var ann = await SignedInAsync(app, "ann");
        using var bob = await SignedInAsync(app, "bob");
        using var cy = await SignedInAsync(app, "cy");
        var pack = await CreatePackAsync(ann, "Shared facts");
        var id = pack.GetProperty("id").GetInt64();

        var published = await ApiOkAsync(await ann.PostAsync($"/api/packs/{id}/share", null));
        var code = published.GetProperty("shareCode").GetString()!;
        Assert.Matches("^[A-HJ-NP-Z2-9]{8}$", code);
        Assert.Equal(code, (await ApiOkAsync(await ann.PostAsync($"/api/packs/{id}/share", null))).GetProperty("shareCode").GetString());

        var preview = await ApiOkAsync(await bob.GetAsync($"/api/packs/shared/{code.ToLowerInvariant()}"));
        Assert.Equal(("Shared facts", "bluff", 3), (preview.GetProperty("name").GetString(), preview.GetProperty("game").GetString(),
            preview.GetProperty("questionCount").GetInt32()));
        var copy = await ApiOkAsync(await bob.PostAsync($"/api/packs/shared/{code}/copy", null), HttpStatusCode.Created);
        Assert.Equal("Shared facts", copy.GetProperty("name").GetString());
        Assert.False(copy.TryGetProperty("shareCode", out _));
        Assert.Equal(QuestionsOf(pack).Select(WithoutId), QuestionsOf(copy).Select(WithoutId));
        var second = await ApiOkAsync(await bob.PostAsync($"/api/packs/shared/{code}/copy", null), HttpStatusCode.Created);
        Assert.Equal("Shared facts (copy)", second.GetProperty("name").GetString());

        await ApiOkAsync(await ann.DeleteAsync($"/api/packs/{id}/share"));
        await ProblemAsync(await cy.GetAsync($"/api/packs/shared/{code}"), 404, "share_code_not_found");
        await ProblemAsync(await cy.PostAsync($"/api/packs/shared/{code}/copy", null), 404, "share_code_not_found");
        await ProblemAsync(await cy.PostAsync("/api/packs/shared/nonsense/copy", null), 404, "share_code_not_found");
        Assert.Empty((await cy.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray());

        // The copies are Bob's: they stay when Ann's pack changes or goes.
        await ann.DeleteAsync($"/api/packs/{id}");
        Assert.Equal(3, (await bob.GetFromJsonAsync<JsonElement>($"/api/packs/{copy.GetProperty("id")}")).GetProperty("questionCount").GetInt32());
        Assert.Equal(2, (await bob.GetFromJsonAsync<JsonElement>("/api/packs")).GetArrayLength());
    }

    [Fact]
    public async Task ASessionPlaysOnlyTheChosenOwnPackFromACopyMadeWhenItWasCreated()
    {
        using var client = await SignedInAsync(app, "session");
        var pack = await CreatePackAsync(client, "Three facts");
        var texts = QuestionsOf(pack).Select(q => q.GetProperty("text").GetString()!).ToHashSet();

        var created = await ApiOkAsync(await client.PostAsJsonAsync("/api/sessions", new
        {
            game = "bluff",
            settings = new { rounds = 3, familyFriendly = false },
            packs = new[] { pack.GetProperty("ref").GetString() },
        }), HttpStatusCode.Created);
        var code = created.GetProperty("code").GetString()!;
        // The session holds the questions: deleting the pack now changes nothing for it.
        await client.DeleteAsync($"/api/packs/{pack.GetProperty("id")}");
        var session = await app.Services.GetRequiredService<ISessionStore>().GetAsync(code);
        var deck = ((BluffSettings)session!.Settings).Deck;
        Assert.Equal(texts, deck.Own.Select(q => q.Text).ToHashSet());
        Assert.Equal([], deck.Packs!);

        using var owner = app.CreateLiveClient();
        owner.DefaultRequestHeaders.Authorization = new("Bearer", created.GetProperty("ownerToken").GetString());
        await owner.PostAsJsonAsync($"/api/sessions/{code}/players", new { name = "Ann" });
        await owner.PostAsJsonAsync($"/api/sessions/{code}/players", new { name = "Bob" });
        await ApiOkAsync(await owner.PostAsync($"/api/sessions/{code}/play", null));
        var question = (await owner.GetFromJsonAsync<JsonElement>($"/api/sessions/{code}")).GetProperty("state").GetProperty("question");
        Assert.Contains(question.GetProperty("text").GetString()!, texts);
    }

    [Fact]
    public async Task AChoiceOfPacksThatCannotBePlayedIsRefused()
    {
        using var ann = await SignedInAsync(app, "ann");
        using var bob = await SignedInAsync(app, "bob");
        var bluff = await CreatePackAsync(ann, "Three facts");
        var quiz = await CreatePackAsync(ann, "Six questions", "quiz");
        using var anonymous = app.CreateLiveClient();
        async Task<JsonElement> Refused(HttpClient client, object body, int status, string code) =>
            await ProblemAsync(await client.PostAsJsonAsync("/api/sessions", body), status, code);

        var tooFew = await Refused(ann, new { game = "bluff", settings = new { rounds = 4, familyFriendly = false }, packs = new[] { $"own:{bluff.GetProperty("id")}" } },
            422, "invalid_input");
        Assert.Contains("Only 3 questions", tooFew.GetProperty("errors").GetProperty("settings.rounds")[0].GetString(), StringComparison.Ordinal);
        // Family friendly (the default) leaves two of the three.
        var family = await Refused(ann, new { game = "bluff", settings = new { rounds = 3 }, packs = new[] { $"own:{bluff.GetProperty("id")}" } }, 422, "invalid_input");
        Assert.Contains("Only 2 questions", family.GetProperty("errors").GetProperty("settings.rounds")[0].GetString(), StringComparison.Ordinal);
        await Refused(ann, new { game = "bluff", packs = Array.Empty<string>() }, 422, "invalid_input");
        await Refused(ann, new { game = "bluff", packs = new[] { "animals", "animals" } }, 422, "invalid_input");
        await Refused(ann, new { game = "bluff", packs = new[] { "cooking" } }, 422, "invalid_input");
        var wrongGame = await Refused(ann, new { game = "bluff", packs = new[] { $"own:{quiz.GetProperty("id")}" } }, 422, "invalid_input");
        Assert.Contains("Six questions", wrongGame.GetProperty("errors").GetProperty("packs")[0].GetString(), StringComparison.Ordinal);
        await Refused(bob, new { game = "bluff", packs = new[] { $"own:{bluff.GetProperty("id")}" } }, 404, "pack_not_found");
        var signedOut = await Refused(anonymous, new { game = "bluff", packs = new[] { $"own:{bluff.GetProperty("id")}" } }, 404, "pack_not_found");
        Assert.Contains("sign in", signedOut.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Built-in packs by key, and built-in and own together.
        await ApiOkAsync(await anonymous.PostAsJsonAsync("/api/sessions", new { game = "bluff", packs = new[] { "animals", "space" } }), HttpStatusCode.Created);
        await ApiOkAsync(await ann.PostAsJsonAsync("/api/sessions", new { game = "quiz", settings = new { questions = 8 }, packs = new[] { "space", $"own:{quiz.GetProperty("id")}" } }),
            HttpStatusCode.Created);
    }

    [Fact]
    public async Task APresetKeepsItsOwnPacksUntilTheyAreDeleted()
    {
        using var client = await SignedInAsync(app, "preset");
        var pack = await CreatePackAsync(client, "Three facts");
        var reference = pack.GetProperty("ref").GetString()!;

        var preset = await ApiOkAsync(await client.PostAsJsonAsync("/api/presets", new
        {
            name = "Own night",
            game = "bluff",
            settings = new { rounds = 3, familyFriendly = false },
            packs = new[] { reference, "animals" },
        }), HttpStatusCode.Created);
        Assert.Equal([reference, "animals"], preset.GetProperty("packs").EnumerateArray().Select(p => p.GetString()));

        var created = await ApiOkAsync(await client.PostAsJsonAsync("/api/sessions", new { presetId = preset.GetProperty("id") }), HttpStatusCode.Created);
        var deck = ((BluffSettings)(await app.Services.GetRequiredService<ISessionStore>().GetAsync(created.GetProperty("code").GetString()!))!.Settings).Deck;
        Assert.Equal(["animals"], deck.Packs!);
        Assert.Equal(3, deck.Own.Count);
        // Packs given with the preset replace its packs.
        var replaced = await ApiOkAsync(await client.PostAsJsonAsync("/api/sessions", new { presetId = preset.GetProperty("id"), packs = new[] { "space" } }),
            HttpStatusCode.Created);
        deck = ((BluffSettings)(await app.Services.GetRequiredService<ISessionStore>().GetAsync(replaced.GetProperty("code").GetString()!))!.Settings).Deck;
        Assert.Equal(["space"], deck.Packs!);
        Assert.Empty(deck.Own);

        await client.DeleteAsync($"/api/packs/{pack.GetProperty("id")}");
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/presets/{preset.GetProperty("id")}");
        Assert.Equal(["animals"], after.GetProperty("packs").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task TheOpenApiDocumentListsThePacksEndpoints()
    {
        using var client = app.CreateLiveClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/packs", "/api/packs/{id}", "/api/packs/import", "/api/packs/{id}/export", "/api/packs/{id}/share",
                     "/api/packs/shared/{code}", "/api/packs/shared/{code}/copy" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document.");
        }

        var import = paths.GetProperty("/api/packs/import").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(import.TryGetProperty("text/csv", out _));
        Assert.True(import.TryGetProperty("application/json", out _));
    }

    private static Task<JsonElement> ApiOkAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK) =>
        PartyProtocol.Tests.Web.Api.ApiTestClient.OkAsync(response, status);
}
