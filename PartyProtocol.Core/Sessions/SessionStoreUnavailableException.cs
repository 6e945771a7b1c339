namespace PartyProtocol.Core.Sessions;

/// <summary>Thrown by a store whose backing service (Redis) cannot be reached; callers answer 503 and retry later.</summary>
public sealed class SessionStoreUnavailableException : Exception
{
    public SessionStoreUnavailableException()
    {
    }

    public SessionStoreUnavailableException(string message) : base(message)
    {
    }

    public SessionStoreUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
