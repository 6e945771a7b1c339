using Microsoft.Playwright;

namespace PartyProtocol.Tests.EndToEnd;

/// <summary>
/// The big screen is one picture: every phase fits a 1920×1080 and a 1280×720 TV without scrolling, nothing sticks out
/// at the bottom, and every name shows whole on one line (a 16-character name is never cut or broken mid-word).
/// </summary>
public static class TvFit
{
    public static readonly (int Width, int Height)[] Sizes = [(1920, 1080), (1280, 720)];

    /// <summary>Checks the page at both TV sizes and leaves it at 1920×1080.</summary>
    public static async Task AssertFitsAsync(IPage tv, string what)
    {
        foreach (var (width, height) in Sizes)
        {
            await tv.SetViewportSizeAsync(width, height);
            await tv.WaitForTimeoutAsync(250);
            var problems = await tv.EvaluateAsync<string[]>("""
                () => {
                  const problems = [];
                  const root = document.scrollingElement;
                  if (root.scrollHeight > innerHeight + 1) problems.push(`page is ${root.scrollHeight}px tall`);
                  if (root.scrollWidth > innerWidth + 1) problems.push(`page is ${root.scrollWidth}px wide`);
                  const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
                  for (const e of document.querySelectorAll('[data-testid=awards], [data-testid=podium], [data-testid=scores], [data-testid=answer-board], footer, [data-testid=choice-board]')) {
                    if (visible(e) && e.getBoundingClientRect().bottom > innerHeight + 1) problems.push(`${e.dataset.testid ?? e.tagName} ends at ${Math.round(e.getBoundingClientRect().bottom)}px`);
                  }
                  for (const e of document.querySelectorAll('.score-name, .podium-name, .award-winners, .lobby-tile-name')) {
                    if (!visible(e)) continue;
                    if (e.scrollWidth > e.clientWidth + 1) problems.push(`"${e.textContent}" is cut (${e.scrollWidth} > ${e.clientWidth})`);
                    const size = parseFloat(getComputedStyle(e).fontSize);
                    if (e.textContent.trim().indexOf(' ') < 0 && e.getBoundingClientRect().height > size * 1.9) problems.push(`"${e.textContent}" breaks over two lines`);
                  }
                  return problems;
                }
                """);
            Assert.True(problems.Length == 0, $"{what} at {width}×{height}: {string.Join("; ", problems)}");
        }

        await tv.SetViewportSizeAsync(1920, 1080);
    }
}
