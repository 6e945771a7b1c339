using System.Text.Json;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Tests.Core;

/// <summary>
/// Builds one question for a test bank. Defaults make a valid, family-friendly question whose truth and decoys are
/// unique to its id and never occur in its text, so tests only spell out what they are about.
/// </summary>
public sealed class QuestionBuilder(string id)
{
    private string _category = "Testing";
    // Only the id differs between two default questions, so their words overlap little: the content lint would refuse
    // sentences that nearly repeat each other.
    private string _text = $"Question {id} asks what {id}x means: <BLANK>.";
    private string _truth = $"verity {id}";
    private string[] _alternates = [];
    private string[] _decoys = [$"decoy {id} a", $"decoy {id} b", $"decoy {id} c", $"decoy {id} d"];
    private bool _familyFriendly = true;

    public QuestionBuilder WithText(string text)
    {
        _text = text;
        return this;
    }

    public QuestionBuilder WithTruth(string truth, params string[] alternates)
    {
        _truth = truth;
        _alternates = alternates;
        return this;
    }

    public QuestionBuilder WithDecoys(params string[] decoys)
    {
        _decoys = decoys;
        return this;
    }

    public QuestionBuilder InCategory(string category)
    {
        _category = category;
        return this;
    }

    public QuestionBuilder NotFamilyFriendly()
    {
        _familyFriendly = false;
        return this;
    }

    public BluffQuestion Build() => new(id, _category, _text, _truth, _alternates, _decoys, _familyFriendly, $"Test reference {id}");
}

/// <summary>Builds Bluff's question library from one pack of built questions, through the real JSON loader and lint.</summary>
public sealed class QuestionBankBuilder
{
    private readonly List<BluffQuestion> _questions = [];
    private string _language = "en";

    /// <summary>The pack's language (<c>en</c> unless set).</summary>
    public QuestionBankBuilder InLanguage(string language)
    {
        _language = language;
        return this;
    }

    public QuestionBankBuilder With(QuestionBuilder question)
    {
        _questions.Add(question.Build());
        return this;
    }

    /// <summary>Adds <paramref name="count"/> default questions with ids <c>{prefix}1</c>, <c>{prefix}2</c>, ….</summary>
    public QuestionBankBuilder WithQuestions(int count, string prefix = "q", bool familyFriendly = true)
    {
        for (var i = 1; i <= count; i++)
        {
            var question = new QuestionBuilder(prefix + i);
            _questions.Add((familyFriendly ? question : question.NotFamilyFriendly()).Build());
        }

        return this;
    }

    public string ToPackJson() =>
        JsonSerializer.Serialize(new QuestionPack<BluffQuestion>("test", "Test pack", _language, _questions) { Game = BluffCartridge.GameKey }, GameJson.Options);

    public QuestionLibrary<BluffQuestion> Build() => new(BluffQuestionFormat.Instance, [($"{_language}/test.json", ToPackJson())]);

    /// <summary>One library of this bank's pack and <paramref name="others"/>' packs (one per language, say).</summary>
    public QuestionLibrary<BluffQuestion> BuildWith(params QuestionBankBuilder[] others) =>
        new(BluffQuestionFormat.Instance, [($"{_language}/test.json", ToPackJson()), .. others.Select(o => ($"{o._language}/test.json", o.ToPackJson()))]);
}
