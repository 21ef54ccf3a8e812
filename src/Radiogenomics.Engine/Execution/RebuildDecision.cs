using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// What the <see cref="Rebuilder"/> decided for one stage: cached (with the record to reuse), will run (with the
/// key it will be stored under and why), or may run (an upstream stage runs first, so the key is not known yet).
/// </summary>
internal sealed record RebuildDecision
{
    public required StageStatus Status { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public required string Device { get; init; }
    public string? Key { get; init; }
    public KeyComponents? Components { get; init; }

    /// <summary>The record to reuse when <see cref="Status"/> is <see cref="StageStatus.Cached"/>.</summary>
    public StageRecord? Cached { get; init; }

    /// <summary>The record the stage last produced in this workflow (the state pointer), if any; not read on a cache hit (see <see cref="StateCurrent"/>).</summary>
    public StageRecord? Last { get; init; }

    /// <summary>The workflow's state pointer already names <see cref="Cached"/> under this stage id: reusing it writes nothing.</summary>
    public bool StateCurrent { get; init; }

    /// <summary>Run id of an execution that started but never committed, if any.</summary>
    public string? Interrupted { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<SourceFile>> Sources { get; init; } = new Dictionary<string, IReadOnlyList<SourceFile>>();
    public IReadOnlyList<UpstreamInput> Upstream { get; init; } = [];
}
