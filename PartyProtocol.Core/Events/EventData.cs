namespace PartyProtocol.Core.Events;

/// <summary>
/// The payload record of one event type: exactly the data a subscriber needs, named for what happened (eShop's
/// integration events are the model). Every event type has one record; docs/events.md documents each record's fields
/// and a test compares the two.
/// </summary>
public interface IEventData
{
    /// <summary>The dotted event type this record is the payload of, e.g. <c>phase.guess_started</c>.</summary>
    static abstract string EventType { get; }
}

/// <summary>An event type a cartridge (or the platform) can emit, with its payload record, for docs and tests.</summary>
/// <param name="Type">The dotted event type.</param>
/// <param name="DataType">The payload record.</param>
/// <param name="Description">When it is sent.</param>
public sealed record EventDefinition(string Type, Type DataType, string Description)
{
    public static EventDefinition Of<T>(string description) where T : IEventData => new(T.EventType, typeof(T), description);
}
