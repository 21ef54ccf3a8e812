namespace Radiogenomics.Engine.Caching;

/// <summary>
/// What <see cref="GarbageCollector"/> removed (or would remove, in a dry run). <see cref="BytesFreed"/> counts only
/// objects whose last link went; <see cref="BytesStillLinked"/> is what deleted objects still hard-linked from an
/// archived run written before archives were copies keep occupying on disk.
/// </summary>
public sealed record GarbageReport(int ObjectsKept, int ObjectsDeleted, long BytesFreed, int RecordsDeleted, IReadOnlyList<string> RunsDeleted)
{
    public long BytesStillLinked { get; init; }

    /// <summary>Run folders of runs that died before archiving (<c>.partial</c>) or were set aside as such (<c>.interrupted</c>).</summary>
    public IReadOnlyList<string> AbandonedRunsDeleted { get; init; } = [];

    /// <summary>Damaged objects that <c>rg fsck</c> had moved to <c>cache/corrupt/</c>.</summary>
    public int CorruptDeleted { get; init; }
}
