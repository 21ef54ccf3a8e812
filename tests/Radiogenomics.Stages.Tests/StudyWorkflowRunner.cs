using System.Globalization;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Workflow;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// Runs a workflow file of the repository on a small synthetic cohort: its stages, needs, bindings and parameters as
/// written, with only the sizes shrunk so that every study workflow runs in about a minute on 2 cores — fetch.synthetic
/// gives <see cref="Patients"/> patients of 64×64 slices, and epochs, trees, λ paths, genes and permutations are cut.
/// Every workflow runs in one workspace (this fixture), so a stage two workflows share runs once.
/// </summary>
public sealed class StudyWorkflowRunner : IDisposable
{
    /// <summary>
    /// Patients of the test cohort: with 3 outer × 3 inner folds, enough for classify.lasso's 10 patients per inner fold
    /// inside a 70 % training cohort, and about a dozen survival events for the penalised Cox model's folds.
    /// </summary>
    public const int Patients = 80;

    // kind → parameter → value, set whatever the file says (sizes only: no statistical choice is changed).
    private static readonly Dictionary<string, Dictionary<string, string>> Sizes = new()
    {
        ["fetch.synthetic"] = new() { ["preset"] = "small", ["patients"] = Patients.ToString(CultureInfo.InvariantCulture), ["image_size"] = "64", ["max_slices"] = "8" },
        ["extract.dae"] = new() { ["epochs"] = "1" },
        ["learn.expression_autoencoder"] = new() { ["epochs"] = "5" },
        ["predict.morphology"] = new() { ["epochs"] = "5" },
        ["survive.deepsurv"] = new() { ["epochs"] = "20" },
        ["classify.lasso"] = new() { ["nlambda"] = "30", ["folds"] = "3", ["inner_folds"] = "3" },
        ["survive.lasso"] = new() { ["folds"] = "3", ["inner_folds"] = "3" },
        ["classify.forest"] = new() { ["ntree"] = "50" },
        ["predict.elastic_net"] = new() { ["nlambda"] = "20" },
        ["coexpression.modules"] = new() { ["genes"] = "500" },
    };

    // Parameters lowered only where the file sets them (label-permutation controls).
    private static readonly Dictionary<string, int> Caps = new() { ["permutations"] = 3 };

    private readonly StageWorkspace _workspace = new("rg-study");

    /// <summary>Loads workflows/<paramref name="file"/>, shrinks it, runs it (not archived) and asserts that every stage succeeded.</summary>
    public async Task<StudyRun> RunAsync(string file, CancellationToken cancellationToken)
    {
        var path = Path.Combine(RepositoryPaths.Root, "workflows", file);
        var (definition, problems) = WorkflowLoader.ParseFile(path);
        Xunit.Assert.True(definition is not null && problems.Count == 0, string.Join("; ", problems.Select(p => p.ToString())));
        var registry = StageCatalog.CreateRegistry();
        var workflow = WorkflowValidator.Validate(definition! with { Stages = definition!.Stages.Select(Shrink).ToList() }, registry);
        var engine = new WorkflowEngine(new Workspace(_workspace.Root), registry);
        var report = await engine.RunAsync(workflow, new RunRequest { Archive = false }, cancellationToken: cancellationToken);
        Xunit.Assert.True(report.Succeeded, file + ": " + string.Join("; ", report.Stages.Where(s => s.Error is not null).Select(s => $"{s.StageId}: {s.Error}")));
        return new StudyRun(_workspace, report);
    }

    private static StageDefinition Shrink(StageDefinition stage)
    {
        var parameters = new Dictionary<string, ParameterValue>(stage.Params);
        if (Sizes.TryGetValue(stage.Uses, out var sizes))
            foreach (var (name, value) in sizes)
                parameters[name] = new ParameterValue(value, false, null, stage.Location);
        foreach (var (name, cap) in Caps)
            if (parameters.TryGetValue(name, out var set) && int.TryParse(set.Scalar, CultureInfo.InvariantCulture, out var n) && n > cap)
                parameters[name] = set with { Scalar = cap.ToString(CultureInfo.InvariantCulture) };
        return stage with { Params = parameters };
    }

    public void Dispose() => _workspace.Dispose();
}
