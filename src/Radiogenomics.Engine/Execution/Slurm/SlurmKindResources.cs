namespace Radiogenomics.Engine.Execution.Slurm;

/// <summary>What the jobs of one stage kind ask Slurm for (unset: the profile's defaults), and how many shards it is split into.</summary>
public sealed record SlurmKindResources
{
    public int? Shards { get; init; }
    public int? Cpus { get; init; }

    /// <summary>Memory per job as sbatch's <c>--mem</c> takes it (e.g. 4G).</summary>
    public string? Memory { get; init; }

    /// <summary>Generic resources (e.g. <c>gpu:1</c>) for the GPU stages.</summary>
    public string? Gres { get; init; }

    public string? Partition { get; init; }
    public string? Time { get; init; }
}
