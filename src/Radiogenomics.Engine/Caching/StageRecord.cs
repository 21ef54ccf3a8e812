namespace Radiogenomics.Engine.Caching;

/// <summary>
/// The action-cache entry: key → outputs, with the components that made the key (to explain the next
/// rerun), when and where it ran, and what the stage recorded about itself.
/// </summary>
public sealed record StageRecord
{
    public required string Key { get; init; }
    public required string StageId { get; init; }
    public required KeyComponents Components { get; init; }
    public required IReadOnlyDictionary<string, OutputObject> Outputs { get; init; }
    public required DateTimeOffset StartedUtc { get; init; }
    public required DateTimeOffset EndedUtc { get; init; }
    public required string Device { get; init; }
    public IReadOnlyDictionary<string, object?> Facts { get; init; } = new Dictionary<string, object?>();

    /// <summary>Files the stage wrote outside the cache for later stages, with their digests (checked before reuse and by Verify).</summary>
    public IReadOnlyList<WrittenFile> WrittenFiles { get; init; } = [];
}
