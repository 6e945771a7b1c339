using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartyProtocol.Tests.Web.Packs;

/// <summary>Questions that meet every rule, and small helpers for the packs API tests.</summary>
public static class PackTestData
{
    /// <summary>Three Bluff questions with nothing in common (no shared truth, no near-duplicate sentences).</summary>
    public static JsonObject[] BluffQuestions() =>
    [
        Json("""{ "text": "A group of crows is called a <BLANK>.", "truth": "murder", "alternates": ["a murder"], "decoys": ["parliament", "council", "gossip"], "category": "Birds", "familyFriendly": true }"""),
        Json("""{ "text": "The dot over a lowercase i is called a <BLANK>.", "truth": "tittle", "alternates": [], "decoys": ["jot", "speck", "pip"], "category": "Language", "familyFriendly": true, "source": "Oxford English Dictionary" }"""),
        Json("""{ "text": "Velcro was invented after a walk with a <BLANK>.", "truth": "dog", "alternates": ["hound"], "decoys": ["horse", "goat"], "category": "Inventions", "familyFriendly": false }"""),
    ];

    /// <summary>Six Quiz questions (a game needs five), each with a different right answer and none like a built-in one.</summary>
    public static JsonObject[] QuizQuestions() =>
    [
        Json("""{ "text": "Which plant did Sam bring back from Lisbon?", "choices": ["Orchid", "Cactus", "Fern", "Bonsai"], "correct": 0, "category": "Office", "familyFriendly": true }"""),
        Json("""{ "text": "How many mugs are in the kitchen cupboard?", "choices": ["Twelve", "Eight", "Twenty"], "correct": 1, "category": "Office", "familyFriendly": true }"""),
        Json("""{ "text": "On which floor is the quiet room?", "choices": ["Third", "Ground"], "correct": 1, "category": "Office", "familyFriendly": true, "timeLimitSeconds": 30 }"""),
        Json("""{ "text": "Who won this year's chili contest?", "choices": ["Priya", "Tom", "Lena", "Omar"], "correct": 1, "category": "People", "familyFriendly": true }"""),
        Json("""{ "text": "What colour is our front door?", "choices": ["Teal", "Red", "Yellow", "Black"], "correct": 0, "category": "Office", "familyFriendly": true }"""),
        Json("""{ "text": "Which day is pizza day?", "choices": ["Monday", "Friday", "Wednesday", "Sunday"], "correct": 1, "category": "Food", "familyFriendly": true }"""),
    ];

    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A valid question of <paramref name="game"/> with the fields of <paramref name="changes"/> replaced (null: removed).</summary>
    public static JsonObject Changed(string game, string changes)
    {
        var question = game == "bluff" ? BluffQuestions()[0] : QuizQuestions()[0];
        foreach (var (name, value) in Json(changes))
        {
            question.Remove(name);
            if (value is not null)
            {
                question[name] = value.DeepClone();
            }
        }

        return question;
    }

    public static object Pack(string name, string game, IEnumerable<JsonObject> questions, string? language = "en", string? description = null) =>
        new { name, game, language, description, questions = questions.ToArray() };

    /// <summary>Creates a pack and returns it (its id, ref, questions).</summary>
    public static async Task<JsonElement> CreatePackAsync(HttpClient client, string name, string game = "bluff", IEnumerable<JsonObject>? questions = null)
    {
        var response = await client.PostAsJsonAsync("/api/packs", Pack(name, game, questions ?? (game == "bluff" ? BluffQuestions() : QuizQuestions())));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static JsonElement[] QuestionsOf(JsonElement pack) => [.. pack.GetProperty("questions").EnumerateArray()];

    /// <summary>A question as the pack format holds it, without its id (which the server gives), its fields in name order.</summary>
    public static string WithoutId(JsonElement question)
    {
        var node = JsonNode.Parse(question.GetRawText())!.AsObject();
        node.Remove("id");
        return Canonical(node);
    }

    /// <summary>A question's JSON with its fields in name order, to compare what was sent with what comes back.</summary>
    public static string Canonical(JsonObject question) =>
        new JsonObject(question.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString();
}
