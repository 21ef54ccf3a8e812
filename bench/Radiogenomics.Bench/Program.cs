using System.Diagnostics;
using System.Globalization;
using Radiogenomics.Bench;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;

// Benchmarks, each printed as ratios against a reference measured in the same run on this machine.
//   bench [--size-gb 2] [--dir /tmp/rg-bench]   engine: an 8-stage workflow over a large input tree
//   bench lme [--features 4096 --genomic 476 --patients 110 --images-per-patient 20,475]   associate.lme vs nlme
//   bench dicom [--series 20 --slices 40]       DICOM decoding and volume assembly vs gdcmconv --raw
//   bench dae [--images 4096 --epochs 3 --threads 1,<cores> --preset published|seed-code --repeats 1
//             --omp-wait-policy passive|active --env KEY=VALUE --caller pool|main --python /usr/bin/python3 --require-reference]
//                                               DAE training images/s (CPU) vs the same model in PyTorch (python3-torch)
//   bench dae-ours --file F --images N --epochs E --threads T --preset P --caller pool|main   (child) our side of `bench dae`
//   bench dae-data --file F [--images 4096]     writes the benchmark's images (raw float32), for profiling either side by hand
//   bench tables [--images 5162 --features 4096 --genomic 183 --repeats 3]
//                                               stage-table Parquet write/read: Parquet.Net vs DuckDB.NET vs the former chunk path
//   bench survive [--features 10000 --patients 1000 --r-fits 200 --rounds 5]
//                                               Cox fit on rotterdam vs coxph.fit; univariable screen vs a coxph loop (R survival)
//   bench classify [--patients 110 --images-per-patient 20 --features 4096 --rounds 5]
//                    [--forest-seeds 3] [--forest-r-seeds S] [--lasso-only | --forest-only]
//                                               cv lasso (LassoCrossValidation) vs cv.glmnet in interleaved rounds, ratio median/range and λ.min coefficients;
//                                               random forest (110 patients × 4,096 features, 500 trees, 3 seeds) vs randomForest, time and OOB error
//   bench slurm [--features 4096 --genomic 476 --patients 110 --images-per-patient 20 --shards 8]
//                                               associate.lme in shards on the local Slurm cluster vs in-process; shards rerun after a failure
//   bench radiomics [--patients 110 --family-patients 10 --python /usr/bin/python3]
//                                               extract.radiomics, Yu et al. set (original + wavelet, 2 regions): features/s, per family,
//                                               filters vs pywt/scipy, voxel maps vs per-kernel computation
//   bench run <workspace> <workflow>            (child) one engine run, for timing a no-op rerun
//   bench noop [--repeats 7 --workflow workflows/default.yaml]
//                                               rg run on this checkout's cached default workflow vs rg --version (also the end of the engine benchmark)
//   bench hash [--size-gb 0.5 --rounds 3]       hashing alone (stat cache, all cores) vs openssl speed -evp sha256 and the former read path
//   bench noop-phases <root> <workflow>         (child) the engine's phases of one no-op rerun in a fresh process
//   bench startup                               (child) .NET start-up only, the baseline
if (args.Length > 0 && args[0] == "startup") return 0;
if (args.Length > 0 && args[0] == "run")
{
    var engine = new WorkflowEngine(new Workspace(args[1]), BenchKinds.Registry());
    var report = await engine.RunAsync(engine.Load(args[2]), new RunRequest());
    return report.Succeeded && report.Stages.All(s => s.Status == StageStatus.Cached) ? 0 : 3;
}

if (args.Length > 0 && args[0] == "noop-phases") return await DefaultWorkflowNoopBenchmark.Phases(args[1], args[2]);
if (args.Length > 0 && args[0] == "noop") return DefaultWorkflowNoopBenchmark.Run(RepositoryRoot(), typeof(BenchKinds).Assembly.Location, (int)ArgValue("--repeats", 7), ArgString("--workflow", "workflows/default.yaml"));

if (args.Length > 0 && args[0] == "lme")
{
    LinearMixedModelBenchmark.Run((int)ArgValue("--features", 4096), (int)ArgValue("--genomic", 476), (int)ArgValue("--patients", 110),
        ArgString("--images-per-patient", "20,475").Split(',').Select(int.Parse).ToArray(), Path.Combine(Path.GetTempPath(), "rg-bench-lme"));
    return 0;
}

if (args.Length > 0 && args[0] == "slurm")
    return SlurmBenchmark.Run((int)ArgValue("--features", 4096), (int)ArgValue("--genomic", 476), (int)ArgValue("--patients", 110),
        (int)ArgValue("--images-per-patient", 20), (int)ArgValue("--shards", 8), Path.Combine(Path.GetTempPath(), "rg-bench-slurm"));

if (args.Length > 0 && args[0] == "tables")
{
    return TableIoBenchmark.Run((int)ArgValue("--images", 5162), (int)ArgValue("--features", 4096), (int)ArgValue("--genomic", 183),
        (int)ArgValue("--repeats", 3), Path.Combine(Path.GetTempPath(), $"rg-bench-tables-{Environment.ProcessId}"));
}

if (args.Length > 0 && args[0] == "survive")
{
    return SurvivalBenchmark.Run((int)ArgValue("--features", 10000), (int)ArgValue("--patients", 1000), (int)ArgValue("--r-fits", 200), (int)ArgValue("--rounds", 5),
        Path.Combine(Path.GetTempPath(), $"rg-bench-survive-{Environment.ProcessId}"));
}
if (args.Length > 0 && args[0] == "classify")
{
    int lasso = args.Contains("--forest-only") ? 0 : ClassifyBenchmark.Run((int)ArgValue("--patients", 110), (int)ArgValue("--images-per-patient", 20), (int)ArgValue("--features", 4096),
        (int)ArgValue("--rounds", 5), Path.Combine(Path.GetTempPath(), $"rg-bench-classify-{Environment.ProcessId}"));
    if (lasso != 0 || args.Contains("--lasso-only")) return lasso;
    return ForestBenchmark.Run((int)ArgValue("--patients", 110), (int)ArgValue("--features", 4096), (int)ArgValue("--forest-seeds", 3), (int)ArgValue("--forest-r-seeds", ArgValue("--forest-seeds", 3)),
        Path.Combine(Path.GetTempPath(), $"rg-bench-forest-{Environment.ProcessId}"));
}

if (args.Length > 0 && args[0] == "radiomics")
{
    return RadiomicsBenchmark.Run((int)ArgValue("--patients", 110), (int)ArgValue("--family-patients", 10),
        Path.Combine(Path.GetTempPath(), "rg-bench-radiomics"), ArgString("--python", "/usr/bin/python3"));
}

if (args.Length > 0 && args[0] == "dicom")
{
    DicomDecodeBenchmark.Run((int)ArgValue("--series", 20), (int)ArgValue("--slices", 40), Path.Combine(Path.GetTempPath(), "rg-bench-dicom"));
    return 0;
}

if (args.Length > 0 && args[0] == "dae")
{
    var threads = ArgString("--threads", $"1,{Environment.ProcessorCount}").Split(',').Select(int.Parse).Distinct().ToArray();
    return DaeTrainingBenchmark.Run(new DaeTrainingBenchmark.Options(
        (int)ArgValue("--images", 4096), (int)ArgValue("--epochs", 3), threads, ArgString("--preset", "published"), (int)ArgValue("--repeats", 1),
        DaeEnvironment(), ArgString("--python", "/usr/bin/python3"),
        args.Contains("--require-reference"), Path.Combine(Path.GetTempPath(), $"rg-bench-dae-{Environment.ProcessId}"), ArgString("--caller", "pool"),
        ArgString("--activation", DaeTrainingBenchmark.DefaultActivation), (int)ArgValue("--batch-size", DaeTrainingBenchmark.DefaultBatchSize)));
}

if (args.Length > 0 && args[0] == "dae-data")
{
    DaeTrainingBenchmark.WriteImages(ArgString("--file", "dae.f32"), (int)ArgValue("--images", 4096));
    return 0;
}

if (args.Length > 0 && args[0] == "dae-ours")
{
    return DaeTrainingBenchmark.RunOurs(ArgString("--file", ""), (int)ArgValue("--images", 0), (int)ArgValue("--epochs", 3), (int)ArgValue("--threads", 1), ArgString("--preset", "published"), ArgString("--caller", "pool"),
        ArgString("--activation", "relu"), (int)ArgValue("--batch-size", 64), ArgValue("--output-bias", 0), ArgValue("--average-decay", 0));
}

double sizeGb = ArgValue("--size-gb", 2.0);
if (args.Length > 0 && args[0] == "hash") sizeGb = ArgValue("--size-gb", 0.5);
string dir = ArgString("--dir", Path.Combine(Path.GetTempPath(), "rg-bench"));
const int fileBytes = 512 * 1024; // about one uncompressed 256×256 16-bit DICOM slice plus header
int files = (int)(sizeGb * 1024 * 1024 * 1024 / fileBytes);
string tree = Path.Combine(dir, "tree");

bool hashOnly = args.Length > 0 && args[0] == "hash";
Console.WriteLine($"{(hashOnly ? "hashing" : "engine")} benchmark: {files} files × {fileBytes / 1024} KiB = {sizeGb:0.##} GB in {tree}, {Environment.ProcessorCount} cores");
if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
var random = new Random(1);
var buffer = new byte[fileBytes];
for (int i = 0; i < files; i++)
{
    string path = Path.Combine(tree, $"patient{i / 500:000}", $"series{i / 100 % 5}", $"slice{i:00000}.dcm");
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    random.NextBytes(buffer);
    File.WriteAllBytes(path, buffer);
}
if (hashOnly)
{
    var treeFiles = Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories).ToList();
    Console.WriteLine();
    Console.WriteLine("| measure | value | reference | ratio | goal |");
    Console.WriteLine("|---|---|---|---|---|");
    HashingBenchmark.Print(HashingBenchmark.Measure(treeFiles, dir, (int)ArgValue("--rounds", 3)));
    Directory.Delete(dir, recursive: true);
    return 0;
}
string workflow = Path.Combine(dir, "bench.yaml");
var yaml = new System.Text.StringBuilder("workflow: bench\nstages:\n  - id: source\n    uses: bench.tree\n    inputs: {tree: tree}\n");
for (int s = 1; s < 8; s++) yaml.Append($"  - id: step{s}\n    uses: bench.step\n    needs: [{(s == 1 ? "source" : $"step{s - 1}")}]\n    params: {{n: {s}}}\n");
File.WriteAllText(workflow, yaml.ToString());

// Reference: sha256sum over the same files, warm page cache for both (the tree was just written).
var all = Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories).ToList();
string list = Path.Combine(dir, "files.txt");
File.WriteAllLines(list, all);
double single = Time("bash", $"-c \"xargs -a '{list}' -d '\\n' sha256sum > /dev/null\"");
double parallel = Time("bash", $"-c \"xargs -a '{list}' -d '\\n' -n 64 -P {Environment.ProcessorCount} sha256sum > /dev/null\"");

var sw = Stopwatch.StartNew();
var engine2 = new WorkflowEngine(new Workspace(dir), BenchKinds.Registry());
var first = await engine2.RunAsync(engine2.Load(workflow), new RunRequest { Archive = false });
double firstRun = sw.Elapsed.TotalSeconds;
if (!first.Succeeded) throw new Exception("bench workflow failed: " + string.Join("; ", first.Stages.Select(s => s.Error)));

// Hashing alone (the stat cache reading every file, as a first run does) against OpenSSL's SHA-256 on the same cores.
var hashing = HashingBenchmark.Measure(all, dir, rounds: 2);

string self = typeof(BenchKinds).Assembly.Location;
double startup = Median(5, () => Time("dotnet", $"\"{self}\" startup"));
double noop = Median(5, () => Time("dotnet", $"\"{self}\" run \"{dir}\" \"{workflow}\"", expectZero: true));
double gb = files * (double)fileBytes / 1e9;

Console.WriteLine();
Console.WriteLine($"| measure | value | reference | ratio | goal |");
Console.WriteLine($"|---|---|---|---|---|");
Console.WriteLine($"| first run: hash {gb:0.00} GB + 8 stages | {firstRun:0.00} s ({gb / firstRun:0.00} GB/s) | sha256sum, 1 process: {single:0.00} s | {single / firstRun:0.00}× | ≥ 1 |");
Console.WriteLine($"| first run vs parallel sha256sum | {firstRun:0.00} s | xargs -P {Environment.ProcessorCount} sha256sum: {parallel:0.00} s | {parallel / firstRun:0.00}× | |");
HashingBenchmark.Print(hashing);
Console.WriteLine($"| no-op rerun, whole process | {noop:0.000} s | .NET start-up: {startup:0.000} s | overhead {noop - startup:0.000} s | ≤ 0.2 s |");
Directory.Delete(dir, recursive: true);
// The same goal on the real thing: rg run on this checkout's cached default workflow against rg --version.
return DefaultWorkflowNoopBenchmark.Run(RepositoryRoot(), self, 7);

// The checkout this benchmark was built in (the folder holding Radiogenomics.slnx above the assembly).
static string RepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Radiogenomics.slnx"))) directory = directory.Parent;
    return directory?.FullName ?? Directory.GetCurrentDirectory();
}

static double Time(string file, string arguments, bool expectZero = false)
{
    var sw = Stopwatch.StartNew();
    using var p = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false })!;
    p.WaitForExit();
    if (expectZero && p.ExitCode != 0) throw new Exception($"{file} {arguments} exited with {p.ExitCode} (3 = a stage was not cached)");
    return sw.Elapsed.TotalSeconds;
}

static double Median(int n, Func<double> f)
{
    var xs = Enumerable.Range(0, n).Select(_ => f()).Order().ToList();
    return xs[n / 2];
}

// --omp-wait-policy P and any number of --env KEY=VALUE: set for both sides of `bench dae`.
Dictionary<string, string> DaeEnvironment()
{
    var environment = new Dictionary<string, string>();
    for (int i = 1; i + 1 < args.Length; i++)
    {
        if (args[i] == "--omp-wait-policy") environment["OMP_WAIT_POLICY"] = args[i + 1].ToUpperInvariant();
        if (args[i] == "--env" && args[i + 1].Split('=', 2) is [var key, var value]) environment[key] = value;
    }

    return environment;
}

double ArgValue(string name, double fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
string ArgString(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
