namespace Radiogenomics.Engine.Execution;

/// <summary>What to run: target stages (ids or task names; empty = all), and how.</summary>
public sealed record RunRequest
{
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Run only the targets themselves; their needs must already be cached.</summary>
    public bool Exclusive { get; init; }

    /// <summary>Rerun the targets even when cached (downstream still benefits from early cut-off).</summary>
    public bool Force { get; init; }

    /// <summary>Stages run at once; default: the number of cores.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Write a provenance folder under runs/ (tests may turn it off).</summary>
    public bool Archive { get; init; } = true;
}
