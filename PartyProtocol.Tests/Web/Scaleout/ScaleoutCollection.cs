namespace PartyProtocol.Tests.Web.Scaleout;

/// <summary>
/// The multi-instance tests run one after another: each hosts two or three app instances, and on a two-core machine
/// running them in parallel would turn generous timing bounds into flaky ones.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ScaleoutCollection
{
    public const string Name = "Redis scale-out";
}
