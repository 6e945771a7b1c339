using System.Diagnostics;
using System.Globalization;

namespace PartyProtocol.Bench.Reporting;

/// <summary>Timestamped lines on the console (or any writer), safe to call from any thread.</summary>
public sealed class ConsoleProgress(TextWriter writer)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();

    public TextWriter Writer => writer;

    public void Line(string text)
    {
        lock (_gate)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {text}"));
            writer.Flush();
        }
    }

    public void Raw(string text)
    {
        lock (_gate)
        {
            writer.Write(text);
            writer.Flush();
        }
    }
}
