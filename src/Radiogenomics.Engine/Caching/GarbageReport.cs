namespace Radiogenomics.Engine.Caching;

/// <summary>What <see cref="GarbageCollector"/> removed (or would remove, in a dry run).</summary>
public sealed record GarbageReport(int ObjectsKept, int ObjectsDeleted, long BytesFreed, int RecordsDeleted, IReadOnlyList<string> RunsDeleted);
