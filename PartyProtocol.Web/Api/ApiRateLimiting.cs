using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using PartyProtocol.Core.Audience;
using PartyProtocol.Web.Protection;
using PartyProtocol.Web.Telemetry;

namespace PartyProtocol.Web.Api;

/// <summary>
/// Rate limits per client (configuration section <c>RateLimits</c>): an IPv4 address, or an IPv6 /64 network
/// (<see cref="ClientAddress"/>). The game's defaults are generous: a thousand-player load test from one address stays
/// well below them; they stop a runaway script, not a party. The account limits are tight: they are what stands
/// between a password and someone guessing it.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Sessions one client may create per minute.</summary>
    [Range(1, 1_000_000)]
    public int SessionCreatesPerMinute { get; set; } = 600;

    /// <summary>Joins (and re-attaches) one client may make per minute.</summary>
    [Range(1, 1_000_000)]
    public int JoinsPerMinute { get; set; } = 6000;

    /// <summary>
    /// Audience joins (and re-joins with a token) one client may make per minute. Each join is a member with a vote, so
    /// this is what keeps one script from filling a room's audience; it is above the live connections one address may
    /// hold (<c>Realtime:MaxConnectionsPerAddress</c>, 100), so a classroom or a hall behind one NAT can all join at once.
    /// </summary>
    [Range(1, 1_000_000)]
    public int AudienceJoinsPerMinute { get; set; } = 120;

    /// <summary>
    /// Audience votes the server works on at once, across every room; the others wait their turn in order. Ten thousand
    /// phones voting within seconds otherwise fill the thread pool ahead of the players' own moves, which then wait
    /// behind hundreds of votes; with this gate a player's move waits behind at most this many.
    /// </summary>
    [Range(1, 10_000)]
    public int AudienceVotesInFlight { get; set; } = 8;

    /// <summary>Audience votes that may wait for their turn; beyond this a vote is refused (429 <c>rate_limited</c>).</summary>
    [Range(0, 1_000_000)]
    public int AudienceVotesQueued { get; set; } = 100_000;

    /// <summary>
    /// Room codes that do not exist one client may try per minute, over REST, the hub, the WebSocket and the /join
    /// page together (see <see cref="UnknownCodeGuard"/>).
    /// </summary>
    [Range(1, 1_000_000)]
    public int UnknownCodesPerMinute { get; set; } = 30;

    /// <summary>Log-in attempts one client may make per minute (the API's and the log-in page's together).</summary>
    [Range(1, 1_000_000)]
    public int AccountLoginsPerMinute { get; set; } = 10;

    /// <summary>Accounts one client may register per hour (and password-reset or confirmation mails it may ask for).</summary>
    [Range(1, 1_000_000)]
    public int AccountRegistrationsPerHour { get; set; } = 20;
}

/// <summary>The rate-limiter policies; rejections are 429 problem+json with code <c>rate_limited</c> and <c>Retry-After</c>.</summary>
public static class ApiRateLimiting
{
    public const string CreateSessionPolicy = "create-session";
    public const string JoinPolicy = "join-session";
    public const string AudienceJoinPolicy = "join-audience";

    /// <summary>Every move endpoint: a move made with an audience token takes a turn at <see cref="RateLimitOptions.AudienceVotesInFlight"/>.</summary>
    public const string MovePolicy = "audience-votes";

    /// <summary>Account endpoints and pages: log-ins and registrations, each counted per client.</summary>
    public const string AccountPolicy = "account";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // Calls that try a credential, and calls that create an account or send mail, wherever they are made.
    private static readonly string[] LoginPaths = ["/api/account/login", "/api/account/resetPassword", "/api/account/manage/2fa", "/Account/Login"];
    private static readonly string[] RegistrationPaths =
        ["/api/account/register", "/api/account/forgotPassword", "/api/account/resendConfirmationEmail", "/Account/Register"];

    public static void Configure(RateLimiterOptions options, RateLimitOptions limits)
    {
        options.AddPolicy(CreateSessionPolicy, context => PerClient(context, "create", limits.SessionCreatesPerMinute, Window));
        options.AddPolicy(JoinPolicy, context => PerClient(context, "join", limits.JoinsPerMinute, Window));
        options.AddPolicy(AudienceJoinPolicy, context => PerClient(context, "audience", limits.AudienceJoinsPerMinute, Window));
        options.AddPolicy(AccountPolicy, context => AccountPartition(context, limits));
        options.AddPolicy(MovePolicy, context => AudienceTokens.LooksLike(BearerToken.From(context.Request))
            ? RateLimitPartition.GetConcurrencyLimiter("audience-votes", _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.AudienceVotesInFlight,
                QueueLimit = limits.AudienceVotesQueued,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })
            : RateLimitPartition.GetNoLimiter("players"));
        options.OnRejected = async (rejected, cancellationToken) =>
        {
            var policy = rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "global";
            PartyTelemetry.RateLimitRefusals.Add(1, new KeyValuePair<string, object?>("policy", policy));
            // A vote turned away because too many wait (not because of its address) may come back at once.
            var seconds = policy == MovePolicy ? 1 : RetryAfterSeconds(rejected.Lease, Window);
            rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ApiProblem.Create(StatusCodes.Status429TooManyRequests, ApiErrorCodes.RateLimited, policy == MovePolicy
                ? $"Too many votes are waiting to be counted; try again in {seconds} s."
                : $"Too many requests from your address; try again in {seconds} s.").WriteAsync(rejected.HttpContext);
        };
    }

    /// <summary>The whole seconds (at least 1) a refused lease says to wait, or the whole <paramref name="window"/> when it does not say.</summary>
    internal static int RetryAfterSeconds(RateLimitLease lease, TimeSpan window) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : (int)window.TotalSeconds;

    private static RateLimitPartition<string> AccountPartition(HttpContext context, RateLimitOptions limits)
    {
        // Reading the pages (GET) is free; only submitting them counts.
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var path = context.Request.Path;
        if (LoginPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            return PerClient(context, "login", limits.AccountLoginsPerMinute, Window);
        }

        return RegistrationPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase))
            ? PerClient(context, "register", limits.AccountRegistrationsPerHour, TimeSpan.FromHours(1))
            : RateLimitPartition.GetNoLimiter("other");
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, string kind, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter($"{kind}:{ClientAddress.PartitionKey(context)}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });
}
