using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Workflow;

/// <summary>
/// Binds a parsed workflow to the stage registry and checks it: unknown kinds and parameters (with
/// suggestions), parameter types, missing or duplicate stage ids, inputs on the right stages, upstream
/// tables a kind consumes, GPU requests, and cycles (printed as a path). All problems are reported at once.
/// </summary>
public static class WorkflowValidator
{
    public static ValidatedWorkflow Load(string path, StageRegistry registry)
    {
        var (definition, problems) = WorkflowLoader.ParseFile(path);
        if (definition is null) throw new WorkflowValidationException(problems);
        return Validate(definition, registry, problems);
    }

    public static ValidatedWorkflow Validate(WorkflowDefinition workflow, StageRegistry registry, List<WorkflowProblem>? problems = null)
    {
        problems ??= [];
        var ids = new Dictionary<string, StageDefinition>(StringComparer.Ordinal);
        foreach (var stage in workflow.Stages)
            if (!ids.TryAdd(stage.Id, stage))
                problems.Add(new(stage.Location, $"duplicate stage id '{stage.Id}' (first defined at {ids[stage.Id].Location})"));
        var taskNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var stage in ids.Values)
            if (!taskNames.TryAdd(stage.TaskName, stage.Id))
                problems.Add(new(stage.Location, $"stage ids '{taskNames[stage.TaskName]}' and '{stage.Id}' both become the task name '{stage.TaskName}'; rename one"));

        var bound = new Dictionary<string, ValidatedStage>(StringComparer.Ordinal);
        foreach (var stage in ids.Values)
        {
            foreach (var need in stage.Needs)
                if (!ids.ContainsKey(need))
                    problems.Add(new(stage.NeedLocations.GetValueOrDefault(need, stage.Location),
                        $"stage '{stage.Id}' needs '{need}', which is not a stage of this workflow{Suggestions.DidYouMean(need, ids.Keys)}"));
                else if (need == stage.Id)
                    problems.Add(new(stage.NeedLocations[need], $"stage '{stage.Id}' needs itself"));

            if (!registry.TryGet(stage.Uses, out var kind))
            {
                problems.Add(new(stage.UsesLocation, $"unknown stage kind '{stage.Uses}'{Suggestions.DidYouMean(stage.Uses, registry.Kinds.Select(k => k.Name))}; 'rg describe' lists the kinds"));
                continue;
            }
            CheckInputs(stage, kind, problems);
            if (stage.Device == DeviceRequest.Gpu && !kind.SupportsGpu)
                problems.Add(new(stage.UsesLocation, $"stage '{stage.Id}' asks for device: gpu but {kind.Name} runs on the CPU only; remove 'device'"));
            bound[stage.Id] = new ValidatedStage(stage, kind, ParameterBinder.Bind(kind, stage, problems));
        }

        foreach (var stage in bound.Values)
        {
            var provided = stage.Needs.Where(bound.ContainsKey).SelectMany(n => bound[n].Kind.Produces.Select(o => o.Name)).ToHashSet(StringComparer.Ordinal);
            foreach (var table in stage.Kind.Consumes)
                if (!provided.Contains(table))
                    problems.Add(new(stage.Definition.Location,
                        $"stage '{stage.Id}' ({stage.Kind.Name}) reads a '{table}' table, but none of its needs [{string.Join(", ", stage.Needs)}] produces one; add the stage that does to 'needs'"));
        }

        var order = TopologicalOrder(workflow, ids, problems);
        if (problems.Count > 0) throw new WorkflowValidationException(problems);
        return new ValidatedWorkflow(workflow, order.Select(id => bound[id]).ToList());
    }

    private static void CheckInputs(StageDefinition stage, StageKind kind, List<WorkflowProblem> problems)
    {
        var slots = kind.Inputs.Select(i => i.Name).ToList();
        if (slots.Count == 0 && stage.Inputs.Count > 0)
        {
            problems.Add(new(stage.InputLocations.Values.First(), $"stage '{stage.Id}' ({kind.Name}) reads upstream tables, not files; 'inputs' belongs on source stages such as fetch.*"));
            return;
        }
        foreach (var slot in stage.Inputs.Keys)
            if (!slots.Contains(slot))
                problems.Add(new(stage.InputLocations[slot], $"stage '{stage.Id}' ({kind.Name}) has no input '{slot}'{Suggestions.DidYouMean(slot, slots)}; inputs: {string.Join(", ", slots)}"));
        foreach (var slot in kind.Inputs.Where(i => i.Required && !stage.Inputs.ContainsKey(i.Name)))
            problems.Add(new(stage.Location, $"stage '{stage.Id}' ({kind.Name}) needs input '{slot.Name}': {slot.Description}"));
    }

    /// <summary>Kahn's algorithm with file order as the tie-break; on a cycle, prints one cycle as a path.</summary>
    private static List<string> TopologicalOrder(WorkflowDefinition workflow, Dictionary<string, StageDefinition> ids, List<WorkflowProblem> problems)
    {
        var fileOrder = workflow.Stages.Select(s => s.Id).Distinct().ToList();
        var needs = ids.ToDictionary(kv => kv.Key, kv => kv.Value.Needs.Where(n => ids.ContainsKey(n) && n != kv.Key).Distinct().ToList());
        var done = new HashSet<string>();
        var order = new List<string>();
        bool progress = true;
        while (progress)
        {
            progress = false;
            foreach (var id in fileOrder)
                if (!done.Contains(id) && needs[id].All(done.Contains))
                {
                    done.Add(id);
                    order.Add(id);
                    progress = true;
                    break; // restart so ties resolve in file order
                }
        }
        if (order.Count == fileOrder.Count) return order;

        // Walk needs among the remaining stages until one repeats: that stretch is a cycle.
        var remaining = fileOrder.Where(id => !done.Contains(id)).ToHashSet();
        var path = new List<string>();
        var current = remaining.First();
        while (!path.Contains(current))
        {
            path.Add(current);
            current = needs[current].First(remaining.Contains);
        }
        var cycle = path.Skip(path.IndexOf(current)).Append(current).ToList();
        problems.Add(new(ids[cycle[0]].Location, "the stages form a cycle: " + string.Join(" → needs → ", cycle)));
        return order;
    }
}
