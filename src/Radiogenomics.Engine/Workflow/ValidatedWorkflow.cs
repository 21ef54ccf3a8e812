namespace Radiogenomics.Engine.Workflow;

/// <summary>A workflow whose stages all resolve, whose parameters type-check and whose graph is acyclic.</summary>
public sealed class ValidatedWorkflow
{
    public ValidatedWorkflow(WorkflowDefinition definition, IReadOnlyList<ValidatedStage> stagesInOrder)
    {
        Definition = definition;
        Stages = stagesInOrder;
        _byId = stagesInOrder.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    private readonly Dictionary<string, ValidatedStage> _byId;

    public WorkflowDefinition Definition { get; }
    public string Name => Definition.Name;

    /// <summary>Stages in a topological order (every stage after its needs; ties in file order).</summary>
    public IReadOnlyList<ValidatedStage> Stages { get; }

    public ValidatedStage this[string id] => _byId[id];

    /// <summary>Finds a stage by id or by its Cake task name (case-insensitive), with a did-you-mean on failure.</summary>
    public ValidatedStage Resolve(string idOrTaskName)
    {
        if (_byId.TryGetValue(idOrTaskName, out var s)) return s;
        var byTask = Stages.FirstOrDefault(x => string.Equals(x.Definition.TaskName, idOrTaskName, StringComparison.OrdinalIgnoreCase)
                                              || string.Equals(x.Id, idOrTaskName, StringComparison.OrdinalIgnoreCase));
        return byTask ?? throw new KeyNotFoundException(
            $"workflow '{Name}' ({Definition.SourcePath}) has no stage '{idOrTaskName}'{Suggestions.DidYouMean(idOrTaskName, _byId.Keys)}; stages: {string.Join(", ", _byId.Keys)}");
    }

    /// <summary>The targets and everything they need, in topological order.</summary>
    public IReadOnlyList<ValidatedStage> Closure(IEnumerable<string> targets)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(targets.Select(t => Resolve(t).Id));
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!wanted.Add(id)) continue;
            foreach (var n in _byId[id].Needs) stack.Push(n);
        }
        return Stages.Where(s => wanted.Contains(s.Id)).ToList();
    }
}
