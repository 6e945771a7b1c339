using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PartyProtocol.Tests.EndToEnd.Accessibility;

/// <summary>
/// axe-core on a page as it is now, against WCAG 2.2 A and AA. Collects every serious or critical violation (rule,
/// element, what is wrong) across the pages a test visits, so one failure lists them all.
/// </summary>
public sealed class AxeAudit
{
    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    private readonly List<string> _violations = [];
    private readonly List<string> _checked = [];

    /// <summary>Every page and phase checked so far.</summary>
    public IReadOnlyList<string> Checked => _checked;

    /// <summary>Runs axe on <paramref name="page"/> and remembers what fails, as "<paramref name="where"/>: rule (impact) element".</summary>
    public async Task CheckAsync(IPage page, string where)
    {
        // Entrance animations fade text in: contrast is judged on the settled screen.
        try
        {
            await page.WaitForFunctionAsync("""
                () => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity
                    || a.effect?.target?.closest?.('.countdown'))
                """, null, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // Still moving (a long count-up): axe judges what is there.
        }

        // The title comes with the head's render; a page still starting its circuit may not have put it back yet.
        try
        {
            await page.WaitForFunctionAsync("() => document.title !== ''", null, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // No title at all: axe reports it.
        }

        var result = await page.RunAxe(Wcag22AA);
        _checked.Add(where);
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            foreach (var node in violation.Nodes)
            {
                _violations.Add($"{where}: {violation.Id} ({violation.Impact}) at {node.Target} — {violation.Help}. {Trim(node.Html)}");
            }
        }
    }

    /// <summary>Fails with the whole list when anything was found.</summary>
    public void AssertClean()
    {
        Assert.True(_violations.Count == 0,
            $"{_violations.Count} serious or critical axe violations on {_checked.Count} screens:{Environment.NewLine}"
            + string.Join(Environment.NewLine, _violations));
    }

    private static string Trim(string html) => html.Length <= 200 ? html : html[..200] + "…";
}
