using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Workflow;

/// <summary>A stage bound to its kind with typed, defaulted parameters.</summary>
public sealed record ValidatedStage(StageDefinition Definition, StageKind Kind, ResolvedParameters Parameters)
{
    /// <summary>
    /// The upstream tables the stage reads, each bound to one need's output (explicitly in <c>inputs:</c>, or the only
    /// need producing that name); for a kind that declares no tables, every output of every need under its own name.
    /// </summary>
    public IReadOnlyList<UpstreamBinding> Bindings { get; init; } = [];

    /// <summary>Source-file input slots (the kind's <c>Inputs</c>) → patterns; <c>inputs:</c> entries that bind tables are not here.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FileInputs =>
        Definition.Inputs.Where(kv => Kind.Inputs.Any(i => i.Name == kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    /// <summary>The workflow's <c>external_roots</c>: folders outside the workspace this stage's inputs may come from.</summary>
    public IReadOnlyList<string> ExternalRoots { get; init; } = [];

    public string Id => Definition.Id;
    public IReadOnlyList<string> Needs => Definition.Needs;
}
