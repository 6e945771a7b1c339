namespace PartyProtocol.Web.Components.Pages.Host;

/// <summary>What the owner changed in the audience settings; null keeps the other value as it is.</summary>
/// <param name="Open">Whether people may join the audience and vote.</param>
/// <param name="Cap">The most members the room admits.</param>
public sealed record AudienceChange(bool? Open, int? Cap);
