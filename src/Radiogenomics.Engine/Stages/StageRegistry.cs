namespace Radiogenomics.Engine.Stages;

/// <summary>The stage kinds a workflow may use, by name.</summary>
public sealed class StageRegistry
{
    private readonly Dictionary<string, StageKind> _kinds = new(StringComparer.Ordinal);

    public StageRegistry Add(StageKind kind)
    {
        if (!_kinds.TryAdd(kind.Name, kind))
            throw new InvalidOperationException($"stage kind '{kind.Name}' is registered twice ({_kinds[kind.Name].GetType().FullName} and {kind.GetType().FullName})");
        return this;
    }

    public IEnumerable<StageKind> Kinds => _kinds.Values.OrderBy(k => k.Name, StringComparer.Ordinal);

    public bool TryGet(string name, out StageKind kind) => _kinds.TryGetValue(name, out kind!);

    public StageKind Get(string name) =>
        TryGet(name, out var kind) ? kind
        : throw new KeyNotFoundException($"unknown stage kind '{name}'{Workflow.Suggestions.DidYouMean(name, _kinds.Keys)}");
}
