using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Web.Presets;
using PartyProtocol.Web.Components.Pages.Packs;
using PartyProtocol.Web.Packs;

namespace PartyProtocol.Tests.Web.Packs;

/// <summary>The pack editor on a real <see cref="PackService"/> over a migrated SQLite file, with Bluff's columns.</summary>
public sealed class PackEditorTests : PresetComponentTestBase
{
    private const int MaxQuestions = 4;

    private PackService Packs { get; set; } = default!;

    protected override void ConfigureServices()
    {
        base.ConfigureServices();
        Packs = Database.CreatePackService(Engine.Registry, Engine.Time, new PackOptions { MaxQuestionsPerPack = MaxQuestions });
        Services.AddSingleton(Packs);
    }

    private const string ThreeRows =
        "A group of crows is called a <BLANK>.\tmurder\ta murder\tparliament | council\tBirds\tyes\n" +
        "The dot over a lowercase i is called a <BLANK>.\ttittle\t\tjot | speck | pip\tLanguage\tyes\n" +
        "Velcro was invented after a walk with a <BLANK>.\tdog\thound\thorse | goat\tInventions\tno\n";

    [Fact]
    public void ASentenceWithoutABlankIsMarkedOnItsCellAsItIsTypedAndClearedWhenFixed()
    {
        var cut = RenderEditor();

        Cell(cut, 0, "text").Input("Crows gather in groups.");

        cut.WaitForAssertion(() => Assert.Contains("<BLANK>", cut.Find("tr[data-row='0'] td[data-col='text']").TextContent, StringComparison.Ordinal));
        Assert.Equal("has-problem", cut.Find("tr[data-row='0'] td[data-col='text']").GetAttribute("class"));

        Cell(cut, 0, "text").Input("A group of crows is called a <BLANK>.");
        Cell(cut, 0, "truth").Input("murder");
        Cell(cut, 0, "decoys").Input("parliament | council");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("tr[data-row='0'] td.has-problem")));
    }

    [Fact]
    public void AnAlternateThatIsAlsoAHouseLieIsMarkedOnTheHouseLies()
    {
        var cut = RenderEditor();

        Cell(cut, 0, "text").Input("A group of crows is called a <BLANK>.");
        Cell(cut, 0, "truth").Input("murder");
        Cell(cut, 0, "alternates").Input("council");
        Cell(cut, 0, "decoys").Input("parliament | council");

        cut.WaitForAssertion(() => Assert.Contains("has-problems", cut.Find("tr[data-row='0']").GetAttribute("class") ?? string.Empty, StringComparison.Ordinal));
        var decoys = cut.Find("tr[data-row='0'] td[data-col='decoys']");
        Assert.Equal("has-problem", decoys.GetAttribute("class"));
        Assert.Contains("'council', which is a right answer", decoys.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("tr[data-row='0'] td[data-col='alternates'].has-problem"));
    }

    [Fact]
    public async Task PastedRowsAreAddedMovedDeletedAndSavedInTheirOrder()
    {
        PackDetails? saved = null;
        var cut = RenderEditor(onSaved: p => saved = p);
        cut.Find("[data-testid=pack-editor] [data-field=name] input").Input("Odd facts");

        cut.Find("[data-testid=bulk-toggle]").Click();
        Field(cut.Find("[data-testid=bulk-text]")).Input(ThreeRows);
        cut.Find("[data-testid=bulk-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tr[data-row]").Count));
        Assert.Contains("3 of 4 questions", cut.Find("[data-testid=question-count]").TextContent, StringComparison.Ordinal);

        cut.Find("tr[data-row='2'] [data-action=up]").Click();
        cut.Find("tr[data-row='0'] [data-action=delete]").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tr[data-row]").Count));

        cut.Find("[data-testid=save-pack]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(saved));
        var stored = await Packs.GetAsync(OwnerId, saved!.Pack.Id);
        Assert.Equal(["Velcro was invented after a walk with a <BLANK>.", "The dot over a lowercase i is called a <BLANK>."],
            stored.Value!.Questions.Cast<BluffQuestion>().Select(q => q.Text));
        Assert.Equal("Odd facts", stored.Value.Pack.Name);
    }

    [Fact]
    public void TheSearchShowsOnlyTheMatchingRowsWithTheirPlaceInThePack()
    {
        var cut = RenderEditor();
        cut.Find("[data-testid=bulk-toggle]").Click();
        Field(cut.Find("[data-testid=bulk-text]")).Input(ThreeRows);
        cut.Find("[data-testid=bulk-add]").Click();

        Field(cut.Find("[data-testid=pack-search]")).Input("velcro");

        cut.WaitForAssertion(() => Assert.Equal(["2"], cut.FindAll("tr[data-row]").Select(r => r.GetAttribute("data-row"))));
        Field(cut.Find("[data-testid=pack-search]")).Input("nothing like this");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=no-match]")));
    }

    [Fact]
    public async Task MoreRowsThanAPackHoldsAreRefusedWithAClearMessageAndNothingIsAdded()
    {
        var cut = RenderEditor();
        cut.Find("[data-testid=bulk-toggle]").Click();
        Field(cut.Find("[data-testid=bulk-text]")).Input(ThreeRows + ThreeRows);
        cut.Find("[data-testid=bulk-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains($"at most {MaxQuestions} questions", cut.Find("[data-testid=bulk-error]").TextContent, StringComparison.Ordinal));
        Assert.Single(cut.FindAll("tr[data-row]"));
        Assert.Empty(await Packs.ListAsync(OwnerId));
    }

    [Fact]
    public void AnUploadedCsvFileAddsItsRowsAndABadRowIsMarked()
    {
        var cut = RenderEditor();
        cut.Find("[data-testid=bulk-toggle]").Click();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "text,truth,decoys\n\"No blank in this sentence.\",x,a | b\n\"A group of crows is called a <BLANK>.\",murder,parliament | council\n", "rows.csv"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tr[data-row]").Count));
        Assert.NotEmpty(cut.FindAll("tr[data-row='0'] td.has-problem"));
        Assert.Empty(cut.FindAll("tr[data-row='1'] td.has-problem"));
    }

    [Fact]
    public async Task SavingAPackWithAProblemPutsItOnTheRowAndSavesNothing()
    {
        var cut = RenderEditor();
        cut.Find("[data-testid=pack-editor] [data-field=name] input").Input("Broken");
        Cell(cut, 0, "text").Input("No blank here.");
        Cell(cut, 0, "truth").Input("x");

        cut.Find("[data-testid=save-pack]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Question 1", cut.Find("[data-testid=pack-problem]").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(cut.FindAll("tr[data-row='0'] td.has-problem"));
        Assert.Empty(await Packs.ListAsync(OwnerId));
    }

    [Fact]
    public async Task EditingAPackStartsFromItsQuestionsAndKeepsTheirIds()
    {
        var draft = new PackDraft("Birds", BluffCartridge.GameKey, "en", null,
        [
            new DraftQuestion(new BluffQuestion("", "", "A group of crows is called a <BLANK>.", "murder", [], ["parliament", "council"], true), 0),
            new DraftQuestion(new BluffQuestion("", "", "A group of owls is called a <BLANK>.", "parliament", [], ["murder", "flock"], true), 1),
        ]);
        var created = (await Packs.CreateAsync(OwnerId, draft)).Value!;
        PackDetails? saved = null;
        var cut = RenderEditor(created, p => saved = p);

        Assert.Equal("murder", Cell(cut, 0, "truth").GetAttribute("value"));
        Cell(cut, 1, "truth").Input("Parliament");
        cut.Find("[data-testid=save-pack]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(saved));
        Assert.Equal(created.Questions.Select(q => q.Id), saved!.Questions.Select(q => q.Id));
        Assert.Equal("Parliament", ((BluffQuestion)(await Packs.GetAsync(OwnerId, created.Pack.Id)).Value!.Questions[1]).Truth);
    }

    private IRenderedComponent<PackEditor> RenderEditor(PackDetails? pack = null, Action<PackDetails>? onSaved = null) =>
        Render<PackEditor>(p => p
            .Add(c => c.Game, BluffCartridge.GameKey)
            .Add(c => c.OwnerId, OwnerId)
            .Add(c => c.Pack, pack)
            .Add(c => c.OnSaved, d => onSaved?.Invoke(d)));

    private static IElement Cell(IRenderedComponent<PackEditor> cut, int row, string column) =>
        Field(cut.Find($"tr[data-row='{row}'] td[data-col='{column}']"));

    /// <summary>The text box itself, whether the test id sits on it or on a wrapper.</summary>
    private static IElement Field(IElement element) =>
        element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("textarea, input")!;
}
