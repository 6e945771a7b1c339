using System.ComponentModel.DataAnnotations;

namespace PartyProtocol.Web.Packs;

/// <summary>Limits of hosts' own question packs (configuration section <c>Packs</c>).</summary>
public sealed class PackOptions
{
    public const string SectionName = "Packs";

    /// <summary>The most questions one pack holds.</summary>
    [Range(1, 100_000)]
    public int MaxQuestionsPerPack { get; set; } = 1000;

    /// <summary>The most packs one account keeps.</summary>
    [Range(1, 100_000)]
    public int MaxPacksPerAccount { get; set; } = 200;

    /// <summary>The largest pack file (import) or pack body (create, replace) in bytes.</summary>
    [Range(64 * 1024, 64 * 1024 * 1024)]
    public int MaxFileBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>
    /// The most own questions one session copies in: they travel with the session (in Redis, with every change in
    /// multi-instance mode), so a room cannot choose without bound.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxQuestionsPerSession { get; set; } = 3000;
}
