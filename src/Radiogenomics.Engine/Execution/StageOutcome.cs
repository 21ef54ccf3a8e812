using Radiogenomics.Engine.Caching;

namespace Radiogenomics.Engine.Execution;

/// <summary>What a run did with one stage.</summary>
public sealed record StageOutcome
{
    public required string StageId { get; init; }
    public required string Kind { get; init; }
    public required StageStatus Status { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public StageRecord? Record { get; init; }
    public DateTimeOffset StartedUtc { get; init; }
    public DateTimeOffset EndedUtc { get; init; }
    public string Device { get; init; } = "cpu";
    public string? Error { get; init; }
    public TimeSpan Elapsed => EndedUtc - StartedUtc;
}
