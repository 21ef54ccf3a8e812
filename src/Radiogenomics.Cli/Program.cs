using System.CommandLine;
using Radiogenomics.Cli;

// rg: the plain CLI over the same engine API the Cake script uses.
var workflowOption = new Option<string>("--workflow", "-w") { Description = "workflow file", DefaultValueFactory = _ => "workflows/default.yaml", Recursive = true };
var workspaceOption = new Option<string>("--workspace") { Description = "workspace root (holds cache/ and runs/; input paths are relative to it)", DefaultValueFactory = _ => ".", Recursive = true };
var targetsArgument = new Argument<string[]>("targets") { Description = "stage ids or task names (default: every stage)", Arity = ArgumentArity.ZeroOrMore };

ConsoleFrontEnd FrontEnd(ParseResult r) => new(r.GetValue(workspaceOption)!, r.GetValue(workflowOption)!);

var root = new RootCommand("Radiogenomics: reproducible radiogenomic workflows (YAML DAG, content-addressed Parquet cache, RO-Crate provenance)");
root.Options.Add(workflowOption);
root.Options.Add(workspaceOption);

var exclusive = new Option<bool>("--exclusive") { Description = "run only the named stages; what they need must be cached" };
var force = new Option<bool>("--force") { Description = "rerun the named stages even if cached" };
var jobs = new Option<int?>("--jobs", "-j") { Description = "stages run at once (default: cores)" };
var lockTimeout = new Option<double>("--lock-timeout") { Description = "seconds to wait for another run on this workspace", DefaultValueFactory = _ => 600 };
var executor = new Option<string>("--executor") { Description = "where stages run: local (this machine) or slurm (sbatch jobs; sharded stages as job arrays)", DefaultValueFactory = _ => "local" };
executor.AcceptOnlyFromAmong("local", "slurm");
var slurmProfile = new Option<string?>("--slurm-profile") { Description = "YAML file with the Slurm executor's settings (partition, time, memory, retries, per-kind shards and resources)" };
var run = new Command("run", "run stages and whatever they need; cached stages are reused") { targetsArgument, exclusive, force, jobs, lockTimeout, executor, slurmProfile };
run.SetAction((r, ct) =>
{
    var frontEnd = FrontEnd(r);
    if (!frontEnd.UseExecutor(r.GetValue(executor)!, r.GetValue(slurmProfile))) return Task.FromResult(2);
    return frontEnd.RunAsync(r.GetValue(targetsArgument) ?? [], r.GetValue(exclusive), r.GetValue(force), r.GetValue(jobs), TimeSpan.FromSeconds(r.GetValue(lockTimeout)), ct);
});
root.Subcommands.Add(run);

var planTargets = new Argument<string[]>("targets") { Description = "stage ids or task names (default: every stage)", Arity = ArgumentArity.ZeroOrMore };
var planForce = new Option<bool>("--force") { Description = "plan as if the named stages were forced" };
var plan = new Command("plan", "show, per stage, cached or will run and why") { planTargets, planForce };
plan.SetAction(r => FrontEnd(r).Plan(r.GetValue(planTargets) ?? [], r.GetValue(planForce)));
root.Subcommands.Add(plan);

var runDir = new Argument<string?>("run") { Description = "archived run folder (default: runs/<workflow>/latest)", Arity = ArgumentArity.ZeroOrOne };
var verifyCache = new Option<bool>("--cache") { Description = "re-hash every cache object instead (as rg fsck)" };
var verify = new Command("verify", "re-hash an archived run and report every mismatch") { runDir, verifyCache };
verify.SetAction((r, ct) => r.GetValue(verifyCache) ? FrontEnd(r).FsckAsync() : Task.FromResult(FrontEnd(r).Verify(r.GetValue(runDir))));
root.Subcommands.Add(verify);

var exportRun = new Argument<string?>("run") { Description = "archived run folder (default: runs/<workflow>/latest)", Arity = ArgumentArity.ZeroOrOne };
var exportTo = new Option<string>("--to") { Description = "folder to write (must not exist)", Required = true };
var export = new Command("export", "copy an archived run for sharing: no absolute paths, hostname or home folder in its crate and logs") { exportRun, exportTo };
export.SetAction(r => FrontEnd(r).Export(r.GetValue(exportRun), r.GetValue(exportTo)!));
root.Subcommands.Add(export);

var fsck = new Command("fsck", "re-hash every cache object; damaged ones are set aside in cache/corrupt/ so their stages rerun");
fsck.SetAction((r, ct) => FrontEnd(r).FsckAsync());
root.Subcommands.Add(fsck);

var reportRun = new Argument<string?>("run") { Description = "archived run folder (default: the newest under runs/)", Arity = ArgumentArity.ZeroOrOne };
var report = new Command("report", "write the run's self-contained HTML report (report.html in the run folder)") { reportRun };
report.SetAction(r => ReportCommands.Report(FrontEnd(r).Workspace, r.GetValue(reportRun)));
root.Subcommands.Add(report);

var dagRun = new Argument<string?>("run") { Description = "archived run folder (default: the newest under runs/)", Arity = ArgumentArity.ZeroOrOne };
var dagOutput = new Option<string?>("--output", "-o") { Description = "SVG file to write, - for standard output (default: dag.svg in the run folder)" };
var dag = new Command("dag", "draw the run's workflow DAG as SVG, stages coloured cached / executed / failed") { dagRun, dagOutput };
dag.SetAction(r => ReportCommands.Dag(FrontEnd(r).Workspace, r.GetValue(dagRun), r.GetValue(dagOutput)));
root.Subcommands.Add(dag);

var keep = new Option<int>("--keep-runs") { Description = "keep objects referenced by the last K archived runs", DefaultValueFactory = _ => 5 };
var pruneRuns = new Option<bool>("--prune-runs") { Description = "also delete archived run folders older than the last K" };
var dryRun = new Option<bool>("--dry-run") { Description = "only say what would be deleted" };
var gc = new Command("gc", "delete cache objects that neither the current state nor the last K runs reference") { keep, pruneRuns, dryRun };
gc.SetAction((r, ct) => FrontEnd(r).GcAsync(r.GetValue(keep), r.GetValue(pruneRuns), r.GetValue(dryRun)));
root.Subcommands.Add(gc);

var kind = new Argument<string?>("kind") { Description = "stage kind, e.g. associate.lme (default: list all)", Arity = ArgumentArity.ZeroOrOne };
var describe = new Command("describe", "list stage kinds, or one kind's inputs, parameters and outputs") { kind };
describe.SetAction(r => FrontEnd(r).Describe(r.GetValue(kind)));
root.Subcommands.Add(describe);

var sql = new Argument<string>("sql") { Description = "DuckDB SQL; each cached output of the workflow's stages is a view named stage_output, e.g. associate_associations" };
var maxRows = new Option<int>("--max-rows") { Description = "rows to print", DefaultValueFactory = _ => 50 };
var queryFormat = new Option<string>("--format") { Description = "table (default), csv or json (every row; for scripts and R)", DefaultValueFactory = _ => "table" };
queryFormat.AcceptOnlyFromAmong("table", "csv", "json");
var query = new Command("query", "run DuckDB SQL over the workflow's cached results (one view per stage output of --workflow)") { sql, maxRows, queryFormat };
query.SetAction(r => FrontEnd(r).Query(r.GetValue(sql)!, r.GetValue(maxRows), r.GetValue(queryFormat)!));
root.Subcommands.Add(query);

var jobFile = new Argument<string>("job") { Description = "job.json written by an out-of-process executor" };
var stageRun = new Command("stage-run", "run one stage job (or shard) from a job file: the worker of the subprocess and Slurm executors; writes outputs and result.json beside the job, never the cache") { jobFile };
stageRun.SetAction((r, ct) => Radiogenomics.Engine.Execution.OutOfProcess.StageWorker.RunAsync(r.GetValue(jobFile)!, Radiogenomics.Stages.StageCatalog.CreateRegistry(), Console.Out, ct));
root.Subcommands.Add(stageRun);

var clean = new Command("clean", "delete the cache (archived runs are kept)");
clean.SetAction((r, ct) => FrontEnd(r).CleanAsync());
root.Subcommands.Add(clean);

var validate = new Command("validate", "check the workflow file and print every problem");
validate.SetAction(r => FrontEnd(r).TryLoad() is null ? 2 : 0);
root.Subcommands.Add(validate);

// Ctrl-C and SIGTERM cancel the run's token; the run then stops its stages, commits what finished and archives itself,
// which can take a few seconds: wait for that instead of System.CommandLine's default 2 s.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
