using System.Globalization;
using Microsoft.Playwright;

namespace PartyProtocol.Bench.Phones;

/// <summary>
/// Headless Chromium for the browser phones, started the way the test suite starts it (the system's Chromium, never a
/// downloaded one), and the script every page gets before its own: it records when the page's DOM first showed each
/// event (the page marks the view it shows with <c>data-seq</c>).
/// </summary>
public static class PhoneBrowser
{
    /// <summary>The flags the end-to-end tests use too (PartyProtocol.Tests/EndToEnd/BrowserScreens).</summary>
    public static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    public static BrowserNewContextOptions Phone => new()
    {
        ViewportSize = new() { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
    };

    public static BrowserNewContextOptions Tv => new() { ViewportSize = new() { Width = 1920, Height = 1080 } };

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string executable) =>
        playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true, Args = ChromiumArgs });

    /// <summary>
    /// Runs before the page's own scripts: a MutationObserver notes, for every change of the <c>data-seq</c> the page
    /// renders, the seq and the wall-clock time (epoch ms, the clock the server stamps events' <c>at</c> with).
    /// </summary>
    public const string ProbeScript = """
        (() => {
          if (window.__pp) return;
          const log = [];
          let shown = -1;
          const read = () => {
            const marked = document.querySelector('[data-seq]');
            const seq = marked ? Number(marked.getAttribute('data-seq')) : -1;
            if (seq !== shown) {
              shown = seq;
              if (seq >= 0) log.push([seq, performance.timeOrigin + performance.now()]);
            }
          };
          new MutationObserver(read).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-seq'] });
          window.__pp = { seq: () => shown, take: () => log.splice(0, log.length) };
        })();
        """;

    /// <summary>
    /// Processor time used so far by Chromium's processes started under this one (the Playwright driver's children),
    /// read from /proc; zero where /proc is not there.
    /// </summary>
    public static TimeSpan ChromiumProcessorTime()
    {
        try
        {
            var parents = new Dictionary<int, int>();
            var ticks = new Dictionary<int, (string Name, long Ticks)>();
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }

                string stat;
                try
                {
                    stat = File.ReadAllText(Path.Combine(dir, "stat"));
                }
                catch (IOException)
                {
                    continue;
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }

                // pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17)
                var close = stat.LastIndexOf(')');
                var name = stat[(stat.IndexOf('(') + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                ticks[pid] = (name, long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture));
            }

            var self = Environment.ProcessId;
            long total = 0;
            foreach (var (pid, (name, used)) in ticks)
            {
                if (name.Contains("chrom", StringComparison.OrdinalIgnoreCase) && DescendsFrom(pid, self, parents))
                {
                    total += used;
                }
            }

            // Linux reports these in clock ticks of 1/100 s (USER_HZ).
            return TimeSpan.FromSeconds(total / 100.0);
        }
        catch (DirectoryNotFoundException)
        {
            return TimeSpan.Zero;
        }
    }

    private static bool DescendsFrom(int pid, int ancestor, Dictionary<int, int> parents)
    {
        for (var i = 0; i < 64 && parents.TryGetValue(pid, out var parent); i++)
        {
            if (parent == ancestor)
            {
                return true;
            }

            pid = parent;
        }

        return false;
    }
}
