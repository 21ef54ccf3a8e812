using Radiogenomics.Engine.Execution.OutOfProcess;
using YamlDotNet.RepresentationModel;

namespace Radiogenomics.Engine.Execution.Slurm;

/// <summary>
/// The Slurm executor's settings, from a profile file (YAML):
/// <code>
/// slurm:
///   partition: debug        # default partition (unset: the cluster's default)
///   time: "01:00:00"        # default --time
///   cpus: 1                 # default --cpus-per-task (unset: the kind's declared threads)
///   memory: 4G              # default --mem
///   retries: 1              # further tries of a failed shard
///   poll_seconds: 0.2       # how often scontrol is asked
///   controller_timeout_seconds: 300  # give up waiting when slurmctld has not answered this long
///   probe: true             # check the shared file system with a tiny job before the first stage
///   worker: [dotnet, /shared/rg/rg.dll]   # the worker command (default: this process's rg.dll)
///   kinds:
///     associate.lme: {shards: 8, cpus: 1, memory: 2G}
///     extract.dae: {gres: "gpu:1", partition: gpu, cpus: 8}
/// </code>
/// </summary>
public sealed record SlurmProfile
{
    public string? Partition { get; init; }
    public string? Time { get; init; }
    public int? Cpus { get; init; }
    public string? Memory { get; init; }
    public int Retries { get; init; } = 1;
    public double PollSeconds { get; init; } = 0.2;
    public double ControllerTimeoutSeconds { get; init; } = 300;
    public bool Probe { get; init; } = true;
    public WorkerCommand? Worker { get; init; }
    public IReadOnlyDictionary<string, SlurmKindResources> Kinds { get; init; } = new Dictionary<string, SlurmKindResources>();

    public SlurmKindResources For(string kind) => Kinds.GetValueOrDefault(kind) ?? new SlurmKindResources();

    public static SlurmProfile Load(string path)
    {
        if (!File.Exists(path)) throw new EngineException($"Slurm profile {path} does not exist");
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new EngineException($"{path}: line {e.Start.Line}: {e.Message}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root || !root.Children.TryGetValue(new YamlScalarNode("slurm"), out var node) || node is not YamlMappingNode slurm)
            throw new EngineException($"{path}: expected a 'slurm:' mapping at the top (see SlurmProfile in docs/architecture.md)");
        var profile = new SlurmProfile();
        foreach (var (keyNode, value) in slurm.Children)
        {
            string key = ((YamlScalarNode)keyNode).Value!;
            profile = key switch
            {
                "partition" => profile with { Partition = Scalar(path, key, value) },
                "time" => profile with { Time = Scalar(path, key, value) },
                "cpus" => profile with { Cpus = Integer(path, key, value) },
                "memory" => profile with { Memory = Scalar(path, key, value) },
                "retries" => profile with { Retries = Integer(path, key, value) },
                "poll_seconds" => profile with { PollSeconds = double.Parse(Scalar(path, key, value), System.Globalization.CultureInfo.InvariantCulture) },
                "controller_timeout_seconds" => profile with { ControllerTimeoutSeconds = double.Parse(Scalar(path, key, value), System.Globalization.CultureInfo.InvariantCulture) },
                "probe" => profile with { Probe = bool.Parse(Scalar(path, key, value)) },
                "worker" => profile with { Worker = ReadWorker(path, value) },
                "kinds" => profile with { Kinds = ReadKinds(path, value) },
                _ => throw new EngineException($"{path}: unknown setting 'slurm.{key}' (partition, time, cpus, memory, retries, poll_seconds, controller_timeout_seconds, probe, worker, kinds)"),
            };
        }
        return profile;
    }

    private static Dictionary<string, SlurmKindResources> ReadKinds(string path, YamlNode node)
    {
        if (node is not YamlMappingNode map) throw new EngineException($"{path}: slurm.kinds must map stage kinds to their resources");
        var kinds = new Dictionary<string, SlurmKindResources>(StringComparer.Ordinal);
        foreach (var (kindNode, value) in map.Children)
        {
            string kind = ((YamlScalarNode)kindNode).Value!;
            if (value is not YamlMappingNode settings) throw new EngineException($"{path}: slurm.kinds.{kind} must be a mapping (shards, cpus, memory, gres, partition, time)");
            var r = new SlurmKindResources();
            foreach (var (keyNode, v) in settings.Children)
            {
                string key = ((YamlScalarNode)keyNode).Value!;
                string where = $"kinds.{kind}.{key}";
                r = key switch
                {
                    "shards" => r with { Shards = Integer(path, where, v) },
                    "cpus" => r with { Cpus = Integer(path, where, v) },
                    "memory" => r with { Memory = Scalar(path, where, v) },
                    "gres" => r with { Gres = Scalar(path, where, v) },
                    "partition" => r with { Partition = Scalar(path, where, v) },
                    "time" => r with { Time = Scalar(path, where, v) },
                    _ => throw new EngineException($"{path}: unknown setting 'slurm.{where}' (shards, cpus, memory, gres, partition, time)"),
                };
            }
            kinds[kind] = r;
        }
        return kinds;
    }

    private static WorkerCommand ReadWorker(string path, YamlNode node)
    {
        var words = node is YamlSequenceNode seq ? seq.Children.Select(c => ((YamlScalarNode)c).Value!).ToList() : [Scalar(path, "worker", node)];
        if (words.Count == 0) throw new EngineException($"{path}: slurm.worker is empty");
        return new WorkerCommand(words[0], words.Skip(1).ToList());
    }

    private static string Scalar(string path, string key, YamlNode node) =>
        node is YamlScalarNode { Value: { } v } ? v : throw new EngineException($"{path}: slurm.{key} must be a single value");

    private static int Integer(string path, string key, YamlNode node) =>
        int.TryParse(Scalar(path, key, node), out int v) && v >= 0 ? v : throw new EngineException($"{path}: slurm.{key} must be a whole number ≥ 0");
}
