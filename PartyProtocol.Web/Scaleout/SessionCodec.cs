using System.Collections.Immutable;
using System.Text.Json;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// A <see cref="Session"/> as JSON. Its settings and state are typed only as <c>object</c>, so they are written with
/// the cartridge's <see cref="ICartridge.SettingsType"/> and <see cref="ICartridge.StateType"/> and read back the same
/// way: a session read from Redis is the same record graph the engine committed.
/// </summary>
internal sealed class SessionCodec(CartridgeRegistry cartridges)
{
    public byte[] Encode(Session session)
    {
        var cartridge = cartridges.Get(session.GameKey);
        var stored = new StoredSession(
            session.Code,
            session.GameKey,
            session.Version,
            session.Seq,
            session.Status,
            session.OwnerTokenHash,
            session.Players,
            session.Kicked,
            AsDeclared(session.Settings, cartridge.SettingsType),
            session.State is null ? null : AsDeclared(session.State, cartridge.StateType),
            session.Clock,
            session.Seed,
            session.CreatedAt,
            session.LastActivityAt,
            session.ExpiresAt,
            session.Options,
            session.MovedTo);
        return JsonSerializer.SerializeToUtf8Bytes(stored, GameJson.Options);
    }

    /// <exception cref="SessionStoreUnavailableException">The data cannot be read by this instance (for example a
    /// game this version does not have, during a rolling upgrade): another instance may serve it.</exception>
    public Session Decode(ReadOnlyMemory<byte> json)
    {
        try
        {
            var stored = JsonSerializer.Deserialize<StoredSession>(json.Span, GameJson.Options)
                ?? throw new JsonException("The stored session is empty.");
            var cartridge = cartridges.Find(stored.GameKey)
                ?? throw new SessionStoreUnavailableException($"This instance has no game '{stored.GameKey}' installed.");
            return new Session
            {
                Code = stored.Code,
                GameKey = stored.GameKey,
                Version = stored.Version,
                Seq = stored.Seq,
                Status = stored.Status,
                OwnerTokenHash = stored.OwnerTokenHash,
                Players = stored.Players,
                Kicked = stored.Kicked,
                Settings = Element(stored.Settings).Deserialize(cartridge.SettingsType, GameJson.Options)
                    ?? throw new JsonException("The stored session has no settings."),
                State = stored.State is { } state ? Element(state).Deserialize(cartridge.StateType, GameJson.Options) : null,
                Clock = stored.Clock,
                Seed = stored.Seed,
                CreatedAt = stored.CreatedAt,
                LastActivityAt = stored.LastActivityAt,
                ExpiresAt = stored.ExpiresAt,
                Options = stored.Options ?? RoomOptions.Default,
                MovedTo = stored.MovedTo,
            };
        }
        catch (JsonException ex)
        {
            throw new SessionStoreUnavailableException("A stored session could not be read: " + ex.Message, ex);
        }
    }

    // Written in one pass: a value of exactly the declared type is serialised as itself (System.Text.Json writes an
    // object-typed property with its runtime type); anything else goes through the declared type first.
    private static object AsDeclared(object value, Type declared) =>
        value.GetType() == declared ? value : JsonSerializer.SerializeToElement(value, declared, GameJson.Options);

    // Read back, an object-typed property is the JSON element itself.
    private static JsonElement Element(object stored) =>
        stored as JsonElement? ?? throw new JsonException("The stored session's settings or state are not JSON.");

    /// <summary>The stored shape; <see cref="Settings"/> and <see cref="State"/> are the cartridge's records when
    /// written and <see cref="JsonElement"/>s when read.</summary>
    private sealed record StoredSession(
        string Code,
        string GameKey,
        long Version,
        long Seq,
        SessionStatus Status,
        string OwnerTokenHash,
        ImmutableList<SessionPlayer> Players,
        ImmutableHashSet<string> Kicked,
        object Settings,
        object? State,
        PhaseClock Clock,
        int Seed,
        DateTimeOffset CreatedAt,
        DateTimeOffset LastActivityAt,
        DateTimeOffset ExpiresAt,
        RoomOptions? Options = null,
        string? MovedTo = null);
}
