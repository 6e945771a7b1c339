using System.Globalization;
using System.Text.RegularExpressions;

namespace PartyProtocol.Tests.Web.Telemetry;

/// <summary>One scrape of /metrics in the Prometheus text format: samples by name and labels.</summary>
public sealed partial class PrometheusScrape(IReadOnlyList<PrometheusScrape.Sample> samples)
{
    public IReadOnlyList<Sample> Samples { get; } = samples;

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"Not a Prometheus sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var v => double.Parse(v, CultureInfo.InvariantCulture),
            };
            samples.Add(new Sample(match.Groups["name"].Value, labels, value));
        }

        return new PrometheusScrape(samples);
    }

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/> ("key=value").</summary>
    public double Sum(string name, params string[] labels) => Samples
        .Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l[..l.IndexOf('=')], out var v) && v == l[(l.IndexOf('=') + 1)..]))
        .Sum(s => s.Value);

    public bool Has(string name) => Samples.Any(s => s.Name == name);

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
