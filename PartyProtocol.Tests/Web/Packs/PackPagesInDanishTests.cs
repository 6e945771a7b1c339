using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Web.Components;
using PartyProtocol.Tests.Web.Presets;
using PartyProtocol.Web.Components.Pages.Packs;
using PartyProtocol.Web.Packs;

namespace PartyProtocol.Tests.Web.Packs;

/// <summary>
/// A host whose pages speak Danish: the pack list, the editor (its columns, the bulk paste, each cell's problems by
/// the lint's rules, the save summary) and the import's refusals are Danish, with no English sentence left.
/// </summary>
public sealed class PackPagesInDanishTests : PresetComponentTestBase
{
    protected override string? Language => "da";

    private const int MaxQuestions = 4;

    private PackService Packs { get; set; } = default!;

    protected override void ConfigureServices()
    {
        base.ConfigureServices();
        Packs = Database.CreatePackService(Engine.Registry, Engine.Time, new PackOptions { MaxQuestionsPerPack = MaxQuestions });
        Services.AddSingleton(Packs);
    }

    private static readonly PackDraft Birds = new("Fugle", BluffCartridge.GameKey, "da", "Om fugle",
    [
        new DraftQuestion(new BluffQuestion("", "", "En flok krager kaldes et <BLANK>.", "mord", [], ["parlament", "råd"], true), 0),
        new DraftQuestion(new BluffQuestion("", "", "En flok ugler kaldes et <BLANK>.", "parlament", [], ["mord", "kor"], true), 1),
    ]);

    [Fact]
    public async Task TheListOfPacksSpeaksDanishDownToTheDeleteQuestion()
    {
        SignIn();
        var pack = (await Packs.CreateAsync(OwnerId, Birds)).Value!;
        await Packs.PublishAsync(OwnerId, pack.Pack.Id);
        var cut = Render<PacksPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("li[data-pack-id]")));
        Assert.Equal("Dine spørgsmålspakker", cut.Find("h1").TextContent);
        Assert.Equal("Ny Bluff-pakke", cut.Find("[data-testid=new-pack-bluff]").TextContent.Trim());
        var row = cut.Find("li[data-pack-id]");
        Assert.Contains("2 spørgsmål", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("delt med koden", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Logget ind som", cut.Find(".account-menu").TextContent, StringComparison.Ordinal);

        row.QuerySelector("[data-action=delete]")!.Click();

        cut.WaitForAssertion(() => Assert.Contains("Slet »Fugle«?", cut.Find("li[data-pack-id]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Bekræft sletning", cut.Find("[role=alertdialog]").GetAttribute("aria-label"));
        NoEnglish.AssertPage(Page(cut), "Fugle", "Om fugle", "host@example.test");
    }

    [Fact]
    public void AnImportThatCannotBeReadSaysWhyInDanishAndNothingIsImported()
    {
        SignIn();
        var cut = Render<PacksPage>();
        cut.Find("[data-testid=import-panel] .mud-expand-panel-header").Click();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("text,truth,colour\nEn <BLANK>,a,rød\n", "fugle.csv"));

        cut.WaitForAssertion(() => Assert.Contains("Intet blev importeret.", cut.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains("CSV-filen har en kolonne 'colour', som spillets pakker ikke har.", cut.Find("[data-testid=import-error]").TextContent,
            StringComparison.Ordinal);
        NoEnglish.AssertPage(Page(cut), "fugle");
    }

    [Fact]
    public void TheEditorNamesItsColumnsInDanishAndMarksACellByTheLintsRuleInDanish()
    {
        var cut = RenderEditor();

        Assert.Equal(["Sætning *", "Sandhed *", "Godkendes også", "Husets løgne *", "Kategori", "Børnevenligt", "Kilde"],
            cut.FindAll("thead th[data-col]").Select(th => th.TextContent));
        Assert.Equal("Faktummet med præcis én <BLANK>, hvor svaret skal stå.", cut.Find("th[data-col=text]").GetAttribute("title"));
        Assert.Equal("1 af 4 spørgsmål", cut.Find("[data-testid=question-count]").TextContent.Trim());

        Cell(cut, 0, "text").Input("Krager flyver i flok.");
        Cell(cut, 0, "truth").Input("mord");
        Cell(cut, 0, "decoys").Input("råd | Mord");

        cut.WaitForAssertion(() => Assert.Contains("skal indeholde præcis én <BLANK>", cut.Find("tr[data-row='0'] td[data-col='text']").TextContent,
            StringComparison.Ordinal));
        Cell(cut, 0, "text").Input("En flok krager kaldes et <BLANK>.");
        cut.WaitForAssertion(() => Assert.Contains("har 'Mord', som er et rigtigt svar", cut.Find("tr[data-row='0'] td[data-col='decoys']").TextContent,
            StringComparison.Ordinal));
        cut.Find("[data-testid=bulk-toggle]").Click();
        Assert.Contains("Lister adskilles med", cut.Find("[data-testid=bulk]").TextContent, StringComparison.Ordinal);
        NoEnglish.AssertPage(cut.Find("[data-testid=pack-editor]"), "En flok krager kaldes et", "Krager flyver i flok", "mord", "Mord", "råd",
            "familyFriendly", "alternates", "decoys", "truth", "category", "source", "text");
    }

    [Fact]
    public async Task SavingAPackWithProblemsSaysWhereTheFirstOneIsAndHowManyMoreInDanish()
    {
        var cut = RenderEditor();
        cut.Find("[data-testid=pack-editor] [data-field=name] input").Input("Fugle");
        Cell(cut, 0, "text").Input("Ingen plads til svaret.");
        Cell(cut, 0, "truth").Input("x");

        cut.Find("[data-testid=save-pack]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Spørgsmål 1: Feltet 'text' skal indeholde præcis én <BLANK>. (1 problem mere nedenfor)",
            cut.Find("[data-testid=pack-problem]").TextContent.Trim()));
        Assert.Contains("skal have mindst 2 svar", cut.Find("tr[data-row='0'] td[data-col='decoys']").TextContent, StringComparison.Ordinal);
        Assert.Empty(await Packs.ListAsync(OwnerId));
    }

    [Fact]
    public void MoreRowsThanAPackHoldsAreRefusedInDanish()
    {
        var cut = RenderEditor();
        cut.Find("[data-testid=bulk-toggle]").Click();
        Field(cut.Find("[data-testid=bulk-text]")).Input(string.Concat(Enumerable.Repeat("En flok krager kaldes et <BLANK>.\tmord\t\tråd | kor\n", 5)));
        cut.Find("[data-testid=bulk-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Pakken har flere spørgsmål, end en pakke må have.", cut.Find("[data-testid=bulk-error]").TextContent.Trim()));
        Assert.Single(cut.FindAll("tr[data-row]"));
    }

    [Fact]
    public void AnEditorPageForAGameWithoutPacksSaysSoInDanish()
    {
        SignIn();
        var cut = Render<PackEditorPage>(p => p.Add(c => c.Game, "nope"));

        Assert.Equal("Der er intet spil 'nope' med spørgsmålspakker.", cut.Find("[data-testid=page-problem]").TextContent.Trim());
        Assert.Contains("Tilbage til dine pakker", cut.Markup, StringComparison.Ordinal);
        NoEnglish.AssertPage(Page(cut), "nope", "host@example.test");
    }

    private static IElement Page<TComponent>(IRenderedComponent<TComponent> cut) where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        cut.Find(".mud-container");

    private IRenderedComponent<PackEditor> RenderEditor() =>
        Render<PackEditor>(p => p
            .Add(c => c.Game, BluffCartridge.GameKey)
            .Add(c => c.OwnerId, OwnerId));

    private static IElement Cell(IRenderedComponent<PackEditor> cut, int row, string column) =>
        Field(cut.Find($"tr[data-row='{row}'] td[data-col='{column}']"));

    private static IElement Field(IElement element) =>
        element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("textarea, input")!;
}
