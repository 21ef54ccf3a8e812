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
    /// <summary>The short failure message shown to people ("Type: message").</summary>
    public string? Error { get; init; }

    /// <summary>The full exception with its stack trace (and inner exceptions), for the run folder and provenance.</summary>
    public string? ErrorDetail { get; init; }

    /// <summary>Run-folder-relative path of the stage's log (<c>logs/&lt;stage&gt;.log</c>), when the run is archived and the stage wrote one.</summary>
    public string? LogPath { get; init; }

    /// <summary>Run-folder-relative path of the failure report with the full exception, when archived.</summary>
    public string? ErrorPath { get; init; }
    public TimeSpan Elapsed => EndedUtc - StartedUtc;
}
