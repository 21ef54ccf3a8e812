namespace Radiogenomics.Engine.Stages;

/// <summary>
/// What one execution of a stage occupies, declared to the scheduler so parallel stages do not oversubscribe the
/// machine: the cores it keeps busy, and process-wide resources it must hold alone (e.g. <c>"libtorch"</c>,
/// whose thread count is one setting for the whole process). A stage on a GPU also holds <see cref="Gpu"/>.
/// </summary>
public sealed record StageResources
{
    public const string Gpu = "gpu";

    /// <summary>One core, nothing exclusive: what a kind that declares nothing gets.</summary>
    public static readonly StageResources Default = new();

    /// <summary>Cores the stage keeps busy; the scheduler caps it at the machine's count.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Names of process-wide resources held exclusively while the stage runs.</summary>
    public IReadOnlyList<string> Exclusive { get; init; } = [];
}
