// Cake front end: one task per workflow stage (PascalCase of its id) with the workflow's dependencies,
// plus Plan, Test, Clean, Gc, Verify, Report, Describe and Bench. It calls the same engine API as the `rg` CLI;
// build.sh builds the solution before Cake starts, so the assemblies below exist.
#r "../src/Radiogenomics.Cli/bin/Release/net10.0/Radiogenomics.Engine.dll"
#r "../src/Radiogenomics.Cli/bin/Release/net10.0/Radiogenomics.Tables.dll"
#r "../src/Radiogenomics.Cli/bin/Release/net10.0/Radiogenomics.Statistics.dll"
#r "../src/Radiogenomics.Cli/bin/Release/net10.0/Radiogenomics.Learning.dll"
#r "../src/Radiogenomics.Cli/bin/Release/net10.0/Radiogenomics.Stages.dll"
#r "../src/Radiogenomics.Cli/bin/Release/net10.0/Radiogenomics.Report.dll"
#r "../src/Radiogenomics.Cli/bin/Release/net10.0/rg.dll"

using System.Text.RegularExpressions;
using System.Xml.Linq;
using Radiogenomics.Cli;
using Radiogenomics.Engine.Execution;

var target = Argument("target", "Default");
var workflowPath = Argument("workflow", "workflows/default.yaml");
var force = HasArgument("force");
// Cake parses --exclusive itself (it then skips dependency tasks); the engine must honour it too.
var exclusive = HasArgument("exclusive") || Environment.GetCommandLineArgs().Any(a => a == "--exclusive" || a == "-e");
// Cake runs in build/; the workspace (cache/, runs/, workflow and input paths) is the repository root.
var root = MakeAbsolute(Directory("..")).FullPath;
var frontEnd = new ConsoleFrontEnd(root, workflowPath) { PrintsReportPath = false }; // build.sh/build.ps1 print it last
// --executor=slurm runs stages as Slurm jobs (sharded ones as job arrays; settings from --slurm-profile=FILE); default local.
if (!frontEnd.UseExecutor(Argument("executor", "local"), HasArgument("slurm-profile") ? Argument<string>("slurm-profile") : null))
    throw new Exception("invalid --executor or --slurm-profile (see above)");
var workflow = frontEnd.TryLoad(); // prints every problem; stage tasks are only registered for a valid workflow

// ---- workflow stages -------------------------------------------------------------------------
// Each stage task runs its stage (cache hit or execute and commit) when Cake reaches it, so Cake is the scheduler
// and its task summary shows every stage's real time. Setup opens the run (workspace lock, run id); Teardown
// archives its provenance. A cached dependency shows as skipped; the target itself always runs its task.
var stageTasks = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
// Cake's --dryrun (also --noop, --whatif) runs no task's action: the engine's plan is printed instead, and no run is opened.
var dryRun = new[] { "dryrun", "noop", "whatif" }.Any(a => HasArgument(a) || Environment.GetCommandLineArgs().Contains("--" + a));
var runOpen = false;
if (workflow != null)
{
    foreach (var stage in workflow.Stages)
    {
        var id = stage.Id;
        stageTasks.Add(stage.Definition.TaskName);
        var task = Task(stage.Definition.TaskName)
            .Description($"{stage.Kind.Name}: {stage.Kind.Summary}")
            .WithCriteria(() => !runOpen || IsTarget(stage.Definition.TaskName) || !frontEnd.ReuseIfCached(id), $"{id} is cached")
            .Does(() =>
            {
                if (!runOpen) throw new Exception($"stage {id}: no run is open (the workflow is invalid or Setup failed)");
                var outcome = frontEnd.RunStage(id);
                if (outcome.Status == StageStatus.Cached) { Information($"{id}: cached (outputs reused, nothing ran)"); return; }
                if (outcome.Status == StageStatus.Failed) throw new Exception($"stage {id} failed: {outcome.Error}");
                if (outcome.Status == StageStatus.Skipped) throw new Exception($"stage {id} skipped: {string.Join("; ", outcome.Reasons)}");
                Information($"{id}: executed in {outcome.Elapsed.TotalSeconds:0.0} s ({string.Join("; ", outcome.Reasons)})");
            });
        foreach (var need in stage.Needs) task.IsDependentOn(workflow[need].Definition.TaskName);
    }
}

bool IsTarget(string taskName) => string.Equals(target, taskName, StringComparison.OrdinalIgnoreCase);

bool RunsStages() => target.Equals("Default", StringComparison.OrdinalIgnoreCase) || stageTasks.Contains(target);

Setup(context =>
{
    if (!RunsStages() || dryRun) return; // a dry run still calls Setup and the criteria: open nothing
    if (workflow == null) throw new Exception($"the workflow {workflowPath} is invalid (problems above)");
    var targets = stageTasks.Contains(target) ? new[] { target } : Array.Empty<string>();
    if (frontEnd.BeginRun(targets, exclusive, force) != 0) throw new Exception("the run could not start (see above)");
    runOpen = true;
});

Teardown(context =>
{
    if (runOpen) frontEnd.FinishRun();
    // build.sh prints the report's path last, after Cake's task summary.
    if (frontEnd.ReportPath != null)
    {
        System.IO.Directory.CreateDirectory($"{root}/build/tools");
        System.IO.File.WriteAllText($"{root}/build/tools/last-report.txt", frontEnd.ReportPath + "\n");
    }
});

Task("Default")
    .Description("Run every stage of the workflow")
    .IsDependentOn(workflow == null ? Array.Empty<string>() :
        workflow.Stages.Where(s => !workflow.Stages.Any(o => o.Needs.Contains(s.Id))).Select(s => s.Definition.TaskName).ToArray())
    .Does(() => { if (workflow == null) throw new Exception("invalid workflow"); });

// ---- engine commands -------------------------------------------------------------------------
Task("Plan")
    .Description("Per stage: cached, or will run and why (--stage=<id> to plan one target)")
    .Does(() => { if (frontEnd.Plan(HasArgument("stage") ? new[] { Argument<string>("stage") } : Array.Empty<string>(), force) != 0) throw new Exception("invalid workflow"); });

Task("Describe")
    .Description("List stage kinds, or --kind=<name> for one kind's parameters")
    .Does(() => frontEnd.Describe(HasArgument("kind") ? Argument<string>("kind") : null));

Task("Verify")
    .Description("Re-hash an archived run (--run=runs/<workflow>/<run>, from the repository root; default the workflow's latest run)")
    .Does(() => { if (frontEnd.Verify(HasArgument("run") ? Argument<string>("run") : null) != 0) throw new Exception("verification failed"); });

Task("Report")
    .Description("Write a run's self-contained HTML report into its folder (--run=<folder>, default the newest run); every run also writes one when it ends")
    .Does(() => { if (ReportCommands.Report(frontEnd.Workspace, HasArgument("run") ? Argument<string>("run") : null) != 0) throw new Exception("no report (see above)"); });

Task("Gc")
    .Description("Delete cache objects unreferenced by the current state and the last --keep-runs=K runs (default 5)")
    .Does(() => frontEnd.GcAsync(Argument("keep-runs", 5), HasArgument("prune-runs"), HasArgument("dry-run")).GetAwaiter().GetResult());

Task("Clean")
    .Description("Delete the cache (archived runs are kept)")
    .Does(() => frontEnd.CleanAsync().GetAwaiter().GetResult());

// ---- tests -----------------------------------------------------------------------------------
Task("Test")
    .Description("Run every test project; ends with 'N passed, N failed'")
    .Does(() =>
    {
        int passed = 0, failed = 0, skipped = 0;
        var resultsDir = $"{root}/.test-results";
        EnsureDirectoryExists(resultsDir);
        System.IO.File.Delete($"{resultsDir}/summary.txt");
        foreach (var project in GetFiles($"{root}/tests/*/*.Tests.csproj").OrderBy(p => p.FullPath))
        {
            var name = project.GetFilenameWithoutExtension().ToString();
            var exe = project.GetDirectory().CombineWithFilePath($"bin/Release/net10.0/{name}.dll").FullPath;
            var xml = $"{resultsDir}/{name}.xml";
            if (System.IO.File.Exists(xml)) System.IO.File.Delete(xml);
            Information($"== {name}");
            var settings = new ProcessSettings { Arguments = $"\"{exe}\" -noColor -xml \"{xml}\"" };
            int exit = StartProcess("dotnet", settings);
            if (!System.IO.File.Exists(xml))
            {
                Error($"{name}: the test runner exited with {exit} and wrote no results");
                failed++;
                continue;
            }
            var assembly = XDocument.Load(xml).Root.Element("assembly");
            int total = int.Parse(assembly.Attribute("total").Value), f = int.Parse(assembly.Attribute("failed").Value),
                s = int.Parse(assembly.Attribute("skipped").Value), errors = int.Parse(assembly.Attribute("errors")?.Value ?? "0"),
                notRun = int.Parse(assembly.Attribute("not-run")?.Value ?? "0"); // explicit-only tests (reports, measurements)
            passed += total - f - s - notRun;
            failed += f + errors;
            skipped += s;
        }
        // build.sh prints this file as the run's very last line, after Cake's own summary, uncoloured.
        System.IO.File.WriteAllText($"{resultsDir}/summary.txt", $"{passed} passed, {failed} failed" + (skipped > 0 ? $", {skipped} skipped" : "") + "\n");
        if (failed > 0) throw new Exception($"{failed} test(s) failed");
    });

// ---- benchmarks ------------------------------------------------------------------------------
Task("Bench")
    .Description("Benchmarks: the engine (8 stages over a --size-gb=2 tree, vs sha256sum), associate.lme at the seed's scale (vs nlme), DICOM decoding (vs gdcmconv and dcm2niix), DAE training images/s on the CPU (vs the same model in python3-torch) and stage-table Parquet I/O (Parquet.Net vs DuckDB.NET vs the former chunk path) survive's Cox fits (vs R survival), cv lasso and the random forest (vs cv.glmnet, randomForest), radiomics (Yu et al. set on the synthetic cohort; filters vs pywt/scipy) and the Slurm executor (8 shards vs in-process); --only=engine|lme|dicom|dae|tables|survive|classify|radiomics|slurm")
    .Does(() =>
    {
        var dll = $"{root}/bench/Radiogenomics.Bench/bin/Release/net10.0/Radiogenomics.Bench.dll";
        var only = Argument("only", "all");
        if ((only is "all" or "engine") && StartProcess("dotnet", new ProcessSettings { Arguments = $"\"{dll}\" --size-gb {Argument("size-gb", "2")}" }) != 0)
            throw new Exception("engine benchmark failed");
        if ((only is "all" or "lme") && StartProcess("dotnet", new ProcessSettings { Arguments = $"\"{dll}\" lme" }) != 0)
            throw new Exception("associate.lme benchmark failed");
        if ((only is "all" or "dicom") && StartProcess("dotnet", new ProcessSettings { Arguments = $"\"{dll}\" dicom" }) != 0)
            throw new Exception("DICOM decode benchmark failed");
        // --only=dae asks for the PyTorch reference explicitly: fail when python3-torch is missing (the benchmark prints the apt command).
        if ((only is "all" or "dae") && StartProcess("dotnet", new ProcessSettings { Arguments = $"\"{dll}\" dae" + (only == "dae" ? " --require-reference" : "") }) != 0)
            throw new Exception("DAE training benchmark failed");
        if ((only is "all" or "tables") && StartProcess("dotnet", new ProcessSettings { Arguments = $"\"{dll}\" tables" }) != 0)
            throw new Exception("table I/O benchmark failed");
        if ((only is "all" or "survive") && StartProcess("dotnet", new ProcessSettings { Arguments = $"\"{dll}\" survive" }) != 0)
            throw new Exception("survive benchmark failed");
        if ((only is "all" or "classify") && StartProcess("dotnet", new ProcessSettings { Arguments = $"\"{dll}\" classify" }) != 0)
            throw new Exception("classify benchmark failed");
        // Needs the local Slurm cluster (sudo scripts/slurm-local.sh start); says so and passes when it is down.
        if ((only is "all" or "slurm") && StartProcess("dotnet", new ProcessSettings { Arguments = $"\"{dll}\" slurm" }) != 0)
            throw new Exception("slurm benchmark failed");
        if ((only is "all" or "radiomics") && StartProcess("dotnet", new ProcessSettings { Arguments = $"\"{dll}\" radiomics" }) != 0)
            throw new Exception("radiomics benchmark failed");
    });

if (dryRun && workflow != null && RunsStages())
    frontEnd.Plan(stageTasks.Contains(target) ? new[] { target } : Array.Empty<string>(), force);

RunTarget(target);
