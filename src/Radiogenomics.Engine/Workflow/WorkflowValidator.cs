using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Workflow;

/// <summary>
/// Binds a parsed workflow to the stage registry and checks it: unknown kinds and parameters (with
/// suggestions), parameter types, missing or duplicate stage ids, inputs on the right stages, upstream
/// tables a kind consumes (bound explicitly or unambiguously), GPU requests, and cycles (printed as a path). All problems are reported at once.
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
            bound[stage.Id] = new ValidatedStage(stage, kind, ParameterBinder.Bind(kind, stage, problems)) { ExternalRoots = workflow.ExternalRoots };
        }

        foreach (var id in bound.Keys.ToList())
            bound[id] = bound[id] with { Bindings = BindUpstream(bound[id], bound, problems) };

        var order = TopologicalOrder(workflow, ids, problems);
        if (problems.Count > 0) throw new WorkflowValidationException(problems);
        return new ValidatedWorkflow(workflow, order.Select(id => bound[id]).ToList());
    }

    private static void CheckInputs(StageDefinition stage, StageKind kind, List<WorkflowProblem> problems)
    {
        var slots = kind.Inputs.Select(i => i.Name).ToList();
        var tables = kind.Consumes.Concat(kind.OptionalConsumes).ToList();
        foreach (var slot in stage.Inputs.Keys)
        {
            if (slots.Contains(slot) || tables.Contains(slot) || (tables.Count == 0 && slots.Count == 0 && LooksLikeBinding(stage.Inputs[slot]))) continue;
            var names = slots.Concat(tables).ToList();
            problems.Add(new(stage.InputLocations[slot], slots.Count == 0
                ? $"stage '{stage.Id}' ({kind.Name}) has no input '{slot}'{Suggestions.DidYouMean(slot, tables)}: it reads upstream tables, not files; 'inputs' belongs on source stages such as fetch.*, " +
                  $"or binds a table it reads to a need's output as <table>: <stage>.<output>" + (tables.Count > 0 ? $" (tables: {string.Join(", ", tables)})" : "")
                : $"stage '{stage.Id}' ({kind.Name}) has no input '{slot}'{Suggestions.DidYouMean(slot, names)}; inputs: {string.Join(", ", names)}"));
        }
        foreach (var slot in kind.Inputs.Where(i => i.Required && !stage.Inputs.ContainsKey(i.Name)))
            problems.Add(new(stage.Location, $"stage '{stage.Id}' ({kind.Name}) needs input '{slot.Name}': {slot.Description}"));
    }

    private static bool LooksLikeBinding(IReadOnlyList<string> values) => values.Count == 1 && values[0].Contains('.') && !values[0].Contains('/');

    /// <summary>
    /// Binds every table the stage reads to one need's output: as <c>inputs: {features: normalize.features}</c> says,
    /// else to the only need that produces that name. Two needs producing an unbound name is an error, not a guess.
    /// </summary>
    private static List<UpstreamBinding> BindUpstream(ValidatedStage stage, Dictionary<string, ValidatedStage> bound, List<WorkflowProblem> problems)
    {
        var definition = stage.Definition;
        var kind = stage.Kind;
        var needs = definition.Needs.Where(bound.ContainsKey).Distinct().ToList();
        var bindings = new List<UpstreamBinding>();
        var explicitNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, values) in definition.Inputs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (kind.Inputs.Any(i => i.Name == name)) continue; // a source-file slot
            if (!kind.Consumes.Contains(name) && !kind.OptionalConsumes.Contains(name) && !(kind.Consumes.Count + kind.OptionalConsumes.Count == 0 && kind.Inputs.Count == 0)) continue; // reported by CheckInputs
            var at = definition.InputLocations.GetValueOrDefault(name, definition.Location);
            string value = values.Count == 1 ? values[0] : string.Join(", ", values);
            int dot = value.LastIndexOf('.');
            if (values.Count != 1 || dot <= 0 || dot == value.Length - 1)
            {
                problems.Add(new(at, $"stage '{stage.Id}': input '{name}' reads an upstream table, written as <stage>.<output> (e.g. {name}: {needs.FirstOrDefault() ?? "normalize"}.{name}); got '{value}'"));
                continue;
            }
            string need = value[..dot], output = value[(dot + 1)..];
            if (!needs.Contains(need))
            {
                problems.Add(new(at, $"stage '{stage.Id}': input '{name}' is bound to '{value}', but '{need}' is not among its needs [{string.Join(", ", definition.Needs)}]; add it to 'needs'"));
                continue;
            }
            var produces = bound[need].Kind.Produces.Select(o => o.Name).ToList();
            if (!produces.Contains(output))
            {
                problems.Add(new(at, $"stage '{stage.Id}': input '{name}' is bound to '{value}', but {need} ({bound[need].Kind.Name}) has no output '{output}'{Suggestions.DidYouMean(output, produces)}; outputs: {string.Join(", ", produces)}"));
                continue;
            }
            explicitNames.Add(name);
            bindings.Add(new UpstreamBinding(name, need, output));
        }

        bool declared = kind.Consumes.Count + kind.OptionalConsumes.Count > 0;
        var wanted = declared
            ? kind.Consumes.Concat(kind.OptionalConsumes).Distinct()
            : needs.SelectMany(n => bound[n].Kind.Produces.Select(o => o.Name)).Distinct();
        foreach (var name in wanted.Where(n => !explicitNames.Contains(n)))
        {
            var providers = needs.Where(n => bound[n].Kind.Produces.Any(o => o.Name == name)).ToList();
            if (providers.Count == 1) bindings.Add(new UpstreamBinding(name, providers[0], name));
            else if (providers.Count > 1)
                problems.Add(new(definition.Location,
                    $"stage '{stage.Id}' ({kind.Name}) reads a '{name}' table, which {string.Join(" and ", providers)} both produce; say which under inputs, e.g. inputs: {{{name}: {providers[0]}.{name}}}"));
            else if (kind.Consumes.Contains(name))
                problems.Add(new(definition.Location,
                    $"stage '{stage.Id}' ({kind.Name}) reads a '{name}' table, but none of its needs [{string.Join(", ", definition.Needs)}] produces one; add the stage that does to 'needs'"));
        }
        return bindings;
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
