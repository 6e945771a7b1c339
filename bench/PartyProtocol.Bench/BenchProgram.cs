using PartyProtocol.Bench.Servers;

namespace PartyProtocol.Bench;

/// <summary>The command line: <c>PartyProtocol.Bench [options]</c>, or <c>PartyProtocol.Bench baseline-server</c> (internal).</summary>
public static class BenchProgram
{
    /// <summary>0: the run completed cleanly; 2: events were lost or repeated, or errors happened; 1: the run could not be made.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == BaselineServer.Verb)
        {
            return await BaselineServer.RunAsync(args[1..]);
        }

        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + Environment.NewLine + BenchOptions.Usage);
            return 1;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            if (options.Audience is not null)
            {
                var audience = await Audience.AudienceRunner.RunAsync(options, "PartyProtocol.Bench " + string.Join(' ', args), Console.Out, stop.Token);
                return audience.Clean ? 0 : 2;
            }

            if (options.Phones is not null)
            {
                var phones = await Phones.PhoneRunner.RunAsync(options, "PartyProtocol.Bench " + string.Join(' ', args), Console.Out, stop.Token);
                return phones.Clean ? 0 : 2;
            }

            var report = await BenchRunner.RunAsync(options, "PartyProtocol.Bench " + string.Join(' ', args), Console.Out, stop.Token);
            return report.Clean ? 0 : 2;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FileNotFoundException or HttpRequestException or TimeoutException or Microsoft.Playwright.PlaywrightException)
        {
            await Console.Error.WriteLineAsync("bench: " + ex.Message);
            return 1;
        }
    }
}
