using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.TestHost;

// Child process for engine tests: `run <workspace> <workflow> [target]` or `plan <workspace> <workflow>`.
// Prints one line per stage: id status key.
var workspace = new Workspace(args[1]);
var engine = new WorkflowEngine(workspace, TestKinds.Registry());
var workflow = engine.Load(args[2]);
var targets = args.Length > 3 ? new[] { args[3] } : Array.Empty<string>();
if (args[0] == "plan")
{
    foreach (var s in engine.Plan(workflow, targets).Stages) Console.WriteLine($"{s.StageId} {s.Status} {s.Key}");
    return 0;
}
var report = await engine.RunAsync(workflow, new RunRequest { Targets = targets, LockTimeout = TimeSpan.FromSeconds(60) });
foreach (var s in report.Stages) Console.WriteLine($"{s.StageId} {s.Status} {s.Record?.Key}");
return report.Succeeded ? 0 : 1;
