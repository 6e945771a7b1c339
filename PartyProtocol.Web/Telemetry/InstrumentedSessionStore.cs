using System.Diagnostics;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Telemetry;

/// <summary>
/// Wraps the session store (in memory, or Redis in multi-instance mode): a span and a timed round trip per call,
/// failures counted when the store is unreachable, and every session seen handed to the <see cref="SessionCensus"/>.
/// The game service is unchanged: it talks to <see cref="ISessionStore"/> as before.
/// </summary>
internal sealed class InstrumentedSessionStore(ISessionStore inner, string storeName, SessionCensus census) : ISessionStore
{
    public async ValueTask<Session?> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        var session = await MeasureAsync("read", code, () => inner.GetAsync(code, cancellationToken));
        if (session is null)
        {
            census.Gone(code);
        }
        else
        {
            census.Saw(session);
        }

        return session;
    }

    public async ValueTask<bool> TryCreateAsync(Session session, CancellationToken cancellationToken = default)
    {
        var created = await MeasureAsync("create", session.Code, () => inner.TryCreateAsync(session, cancellationToken));
        if (created)
        {
            PartyTelemetry.SessionsCreated.Add(1, new KeyValuePair<string, object?>("game", session.GameKey));
            census.Saw(session);
        }

        return created;
    }

    public async ValueTask<bool> TryUpdateAsync(Session session, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var committed = await MeasureAsync("commit", session.Code, () => inner.TryUpdateAsync(session, expectedVersion, cancellationToken),
            activity => activity.SetTag("partyprotocol.session.version", session.Version));
        if (committed)
        {
            census.Saw(session);
        }

        return committed;
    }

    public async ValueTask DeleteAsync(string code, CancellationToken cancellationToken = default)
    {
        await MeasureAsync("delete", code, async () =>
        {
            await inner.DeleteAsync(code, cancellationToken);
            return true;
        });
        census.Gone(code);
    }

    private async ValueTask<T> MeasureAsync<T>(string operation, string code, Func<ValueTask<T>> call, Action<Activity>? tag = null)
    {
        using var activity = PartyTelemetry.Source.StartActivity("session." + operation, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("partyprotocol.room_code", code);
            activity.SetTag("partyprotocol.store", storeName);
            tag?.Invoke(activity);
        }

        var operationTag = new KeyValuePair<string, object?>("operation", operation);
        var storeTag = new KeyValuePair<string, object?>("store", storeName);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call();
            activity?.SetTag("partyprotocol.store.result", result switch { bool b => b ? "ok" : "refused", null => "none", _ => "ok" });
            return result;
        }
        catch (SessionStoreUnavailableException ex)
        {
            PartyTelemetry.StoreFailures.Add(1, operationTag, storeTag);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        finally
        {
            PartyTelemetry.StoreDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, operationTag, storeTag);
        }
    }
}
