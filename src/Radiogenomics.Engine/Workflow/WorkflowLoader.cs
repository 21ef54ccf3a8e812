using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Radiogenomics.Engine.Workflow;

/// <summary>
/// Reads a workflow YAML file into a <see cref="WorkflowDefinition"/>, keeping the line and column of
/// every node so that later validation can point at the exact place. Structural problems (wrong shape,
/// unknown keys) are collected here; problems that need the stage registry are found by
/// <see cref="WorkflowValidator"/>.
/// </summary>
public static class WorkflowLoader
{
    private static readonly string[] TopKeys = ["workflow", "description", "external_roots", "stages"];
    private static readonly string[] StageKeys = ["id", "uses", "needs", "params", "device", "inputs", "description"];

    public static (WorkflowDefinition? Workflow, List<WorkflowProblem> Problems) Parse(string text, string file)
    {
        var problems = new List<WorkflowProblem>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            problems.Add(new(At(file, e.Start), "YAML syntax error: " + (e.InnerException?.Message ?? e.Message)));
            return (null, problems);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NullReferenceException or IndexOutOfRangeException)
        {
            // YamlDotNet can lose its state on some malformed input (an unclosed '[' inside a flow mapping, then a
            // mis-indented line) and throw without a position: find the last place it parsed cleanly instead.
            problems.Add(new(At(file, LastGoodMark(text)), "YAML syntax error near here: the parser could not make sense of the text " +
                "(often an unclosed '[' or '{', or a line indented differently from its siblings); check brackets and indentation"));
            return (null, problems);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(new(new SourceLocation(file, 1, 1), "a workflow file is a mapping with keys 'workflow' and 'stages'"));
            return (null, problems);
        }

        string name = Path.GetFileNameWithoutExtension(file);
        string description = "";
        var stages = new List<StageDefinition>();
        var externalRoots = new List<string>();
        bool sawStages = false;
        foreach (var (keyNode, value) in root.Children)
        {
            if (KeyOrProblem(keyNode, file, problems) is not { } key) continue;
            switch (key)
            {
                case "workflow":
                    name = ScalarOrProblem(value, file, "'workflow' is the workflow's name, a string", problems) ?? name;
                    break;
                case "description":
                    description = ScalarOrProblem(value, file, "'description' is a string", problems) ?? "";
                    break;
                case "external_roots":
                    externalRoots.AddRange(ScalarList(value, file, "'external_roots' is a folder or a list of folders outside the workspace that inputs may come from", problems).Select(r => r.Value));
                    break;
                case "stages":
                    sawStages = true;
                    if (value is YamlSequenceNode seq)
                    {
                        foreach (var item in seq.Children)
                            if (ParseStage(item, file, problems) is { } s) stages.Add(s);
                        if (seq.Children.Count == 0)
                            problems.Add(new(At(file, value.Start), "'stages' is empty: a workflow needs at least one stage ('- id: ..., uses: ...'); 'rg describe' lists the kinds"));
                    }
                    else
                        problems.Add(new(At(file, value.Start), "'stages' is a list of stages, each starting with '- id: ...'"));
                    break;
                default:
                    problems.Add(new(At(file, keyNode.Start), $"unknown top-level key '{key}'{Suggestions.DidYouMean(key, TopKeys)}; allowed: {string.Join(", ", TopKeys)}"));
                    break;
            }
        }
        if (!sawStages) problems.Add(new(At(file, root.Start), "the workflow has no 'stages' list"));
        if (!StageNames.IsValidWorkflowName(name))
            problems.Add(new(At(file, root.Start), $"workflow name '{name}' is not usable: it names the workflow's folders under cache/state/ and runs/, so it cannot be empty, '.' or '..', longer than 100 characters or hold control characters"));
        return (new WorkflowDefinition { Name = name, Description = description, SourcePath = file, Stages = stages, ExternalRoots = externalRoots }, problems);
    }

    public static (WorkflowDefinition? Workflow, List<WorkflowProblem> Problems) ParseFile(string path)
    {
        if (!File.Exists(path))
            return (null, [new(new SourceLocation(path, 0, 0), $"workflow file not found (looked for {Path.GetFullPath(path)}); pass --workflow with a path to a .yaml file")]);
        return Parse(File.ReadAllText(path), path);
    }

    private static StageDefinition? ParseStage(YamlNode node, string file, List<WorkflowProblem> problems)
    {
        if (node is not YamlMappingNode map)
        {
            problems.Add(new(At(file, node.Start), "a stage is a mapping with at least 'id' and 'uses'"));
            return null;
        }
        string? id = null, uses = null;
        SourceLocation usesAt = At(file, map.Start);
        var needs = new List<string>();
        var needLocations = new Dictionary<string, SourceLocation>();
        var parameters = new Dictionary<string, ParameterValue>();
        var inputs = new Dictionary<string, IReadOnlyList<string>>();
        var inputLocations = new Dictionary<string, SourceLocation>();
        var device = DeviceRequest.Auto;

        foreach (var (keyNode, value) in map.Children)
        {
            if (KeyOrProblem(keyNode, file, problems) is not { } key) continue;
            switch (key)
            {
                case "id":
                    id = ScalarOrProblem(value, file, "'id' is a string", problems);
                    break;
                case "description":
                    break;
                case "uses":
                    uses = ScalarOrProblem(value, file, "'uses' names a stage kind, e.g. associate.lme", problems);
                    usesAt = At(file, value.Start);
                    break;
                case "needs":
                    foreach (var (n, at) in ScalarList(value, file, "'needs' is a stage id or a list of stage ids", problems))
                    {
                        needs.Add(n);
                        needLocations.TryAdd(n, at);
                    }
                    break;
                case "device":
                    var d = ScalarOrProblem(value, file, "'device' is cpu, gpu or auto", problems);
                    if (d is not null)
                    {
                        if (Enum.TryParse<DeviceRequest>(d, ignoreCase: true, out var parsed) && !int.TryParse(d, out _)) device = parsed;
                        else problems.Add(new(At(file, value.Start), $"device '{d}' is not one of cpu, gpu, auto"));
                    }
                    break;
                case "params":
                    if (value is YamlMappingNode pm)
                    {
                        foreach (var (pk, pv) in pm.Children)
                        {
                            if (KeyOrProblem(pk, file, problems) is not { } pname) continue;
                            if (pv is YamlScalarNode ps)
                                parameters[pname] = new ParameterValue(IsNull(ps) ? null : ps.Value, ps.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted, null, At(file, pk.Start));
                            else if (pv is YamlSequenceNode pseq && pseq.Children.All(c => c is YamlScalarNode))
                                parameters[pname] = new ParameterValue(null, false, pseq.Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToList(), At(file, pk.Start));
                            else
                                problems.Add(new(At(file, pv.Start), $"parameter '{pname}' must be a scalar or a list of scalars"));
                        }
                    }
                    else if (!(value is YamlScalarNode s0 && IsNull(s0)))
                        problems.Add(new(At(file, value.Start), "'params' is a mapping of parameter name to value"));
                    break;
                case "inputs":
                    if (value is YamlMappingNode im)
                    {
                        foreach (var (ik, iv) in im.Children)
                        {
                            if (KeyOrProblem(ik, file, problems) is not { } slot) continue;
                            inputs[slot] = ScalarList(iv, file, $"input '{slot}' is a path, folder or glob, or a list of them", problems).Select(x => x.Value).ToList();
                            inputLocations[slot] = At(file, ik.Start);
                        }
                    }
                    else
                        problems.Add(new(At(file, value.Start), "'inputs' maps an input name to a path, folder or glob (e.g. expression: data/*.tsv)"));
                    break;
                default:
                    problems.Add(new(At(file, keyNode.Start), $"unknown stage key '{key}'{Suggestions.DidYouMean(key, StageKeys)}; allowed: {string.Join(", ", StageKeys)}"));
                    break;
            }
        }
        if (id is null) { problems.Add(new(At(file, map.Start), "stage has no 'id'")); return null; }
        if (!StageNames.IsValidId(id))
            problems.Add(new(At(file, map.Start), $"stage id '{id}' must start with a lower-case letter and use only a-z, 0-9, '-' and '_'"));
        if (uses is null) { problems.Add(new(At(file, map.Start), $"stage '{id}' has no 'uses' (the stage kind to run, e.g. associate.lme)")); return null; }
        return new StageDefinition
        {
            Id = id, Uses = uses, Needs = needs, Params = parameters, Device = device, Inputs = inputs,
            Location = At(file, map.Start), UsesLocation = usesAt, NeedLocations = needLocations, InputLocations = inputLocations,
        };
    }

    /// <summary>A mapping key is a plain name here; a list or mapping used as a key ('? [a, b]: x', '{a: 1}: x') is a problem.</summary>
    private static string? KeyOrProblem(YamlNode key, string file, List<WorkflowProblem> problems)
    {
        if (key is YamlScalarNode s) return s.Value ?? "";
        problems.Add(new(At(file, key.Start), "a key must be a plain name, not a list or a mapping (check the brackets and the ':' on this line)"));
        return null;
    }

    /// <summary>Where the YAML parser last produced an event, for errors it raises without a position.</summary>
    private static Mark LastGoodMark(string text)
    {
        var parser = new Parser(new StringReader(text));
        Mark last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
                if (parser.Current is { } e) last = e.End;
        }
        catch (Exception)
        {
            // the failure we are locating: 'last' is as far as the parser got
        }
        return last;
    }

    private static bool IsNull(YamlScalarNode s) =>
        s.Style == ScalarStyle.Plain && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");

    private static string? ScalarOrProblem(YamlNode node, string file, string expectation, List<WorkflowProblem> problems)
    {
        if (node is YamlScalarNode s) return s.Value;
        problems.Add(new(At(file, node.Start), expectation));
        return null;
    }

    private static List<(string Value, SourceLocation At)> ScalarList(YamlNode node, string file, string expectation, List<WorkflowProblem> problems)
    {
        var list = new List<(string, SourceLocation)>();
        if (node is YamlScalarNode s && s.Value is { Length: > 0 } v) list.Add((v, At(file, s.Start)));
        else if (node is YamlSequenceNode seq)
            foreach (var c in seq.Children)
                if (c is YamlScalarNode cs && cs.Value is { Length: > 0 } cv) list.Add((cv, At(file, cs.Start)));
                else problems.Add(new(At(file, c.Start), expectation));
        else problems.Add(new(At(file, node.Start), expectation));
        return list;
    }

    private static SourceLocation At(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);
}
