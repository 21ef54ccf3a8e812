namespace Radiogenomics.Engine.Workflow;

/// <summary>One stage as declared in the workflow file, before it is bound to a stage kind.</summary>
public sealed record StageDefinition
{
    public required string Id { get; init; }
    public required string Uses { get; init; }
    public IReadOnlyList<string> Needs { get; init; } = [];
    public IReadOnlyDictionary<string, ParameterValue> Params { get; init; } = new Dictionary<string, ParameterValue>();
    public DeviceRequest Device { get; init; } = DeviceRequest.Auto;

    /// <summary>Source stages only: input slot → file, folder or glob patterns, relative to the workspace.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Inputs { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public SourceLocation Location { get; init; }
    public SourceLocation UsesLocation { get; init; }
    public IReadOnlyDictionary<string, SourceLocation> NeedLocations { get; init; } = new Dictionary<string, SourceLocation>();
    public IReadOnlyDictionary<string, SourceLocation> InputLocations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>The Cake task name: PascalCase of the id (associate → Associate, deep-features → DeepFeatures).</summary>
    public string TaskName => StageNames.ToTaskName(Id);
}
