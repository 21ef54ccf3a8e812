using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Identity;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Engine.Workflow;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// Builds a stage's <see cref="KeyComponents"/> from its definition, the stat-cached hashes of its source
/// files and the records of the stages it needs. Shared by planning and running so both agree.
/// </summary>
internal sealed class KeyResolver(Workspace workspace, StatCache statCache, IDeviceProbe deviceProbe, ICodeIdentity codeIdentity, int hashParallelism)
{
    public string ResolveDevice(ValidatedStage stage)
    {
        if (!stage.Kind.SupportsGpu) return "cpu";
        return stage.Definition.Device switch
        {
            DeviceRequest.Cpu => "cpu",
            DeviceRequest.Gpu when deviceProbe.GpuAvailable => "cuda",
            DeviceRequest.Gpu => throw new EngineException(
                $"stage '{stage.Id}' asks for device: gpu, but no GPU is usable here ({deviceProbe.Describe()}); use device: auto to fall back to the CPU"),
            _ => deviceProbe.GpuAvailable ? "cuda" : "cpu",
        };
    }

    public Dictionary<string, IReadOnlyList<SourceFile>> ResolveSources(ValidatedStage stage, Action<int, int>? progress)
    {
        var result = new Dictionary<string, IReadOnlyList<SourceFile>>(StringComparer.Ordinal);
        foreach (var (slot, patterns) in stage.FileInputs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var files = new List<string>();
            foreach (var pattern in patterns)
            {
                var found = InputResolver.Expand(workspace.Root, pattern, AllowedRoots(stage), out var problem);
                if (problem is not null)
                    throw new EngineException($"{stage.Definition.InputLocations.GetValueOrDefault(slot, stage.Definition.Location)}: input '{slot}' of stage '{stage.Id}': {problem}. Paths are relative to the workspace {workspace.Root}.");
                files.AddRange(found);
            }
            files = files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var hashes = statCache.HashAll(files, hashParallelism, progress);
            result[slot] = files.Select((f, i) => new SourceFile(workspace.Relative(f), f, hashes[i], new FileInfo(f).Length)).ToList();
        }
        return result;
    }

    /// <summary>The workspace and the workflow's declared external roots (relative ones from the workspace).</summary>
    private List<string> AllowedRoots(ValidatedStage stage) =>
        [workspace.Root, .. stage.ExternalRoots.Select(r => Path.GetFullPath(Path.Combine(workspace.Root, r)))];

    /// <summary>Workspace-relative paths of files the record says the stage wrote that are now missing or different.</summary>
    public List<string> ChangedWrittenFiles(StageRecord record)
    {
        if (record.WrittenFiles.Count == 0) return [];
        // One stat per file (a missing file hashes to null): a fetch stage can have written tens of thousands.
        var hashes = statCache.TryHashAll(record.WrittenFiles.Select(f => Path.Combine(workspace.Root, f.Path)).ToList(), hashParallelism);
        return record.WrittenFiles.Where((f, i) => hashes[i] != f.Sha256).Select(f => f.Path).ToList();
    }

    /// <summary>The upstream outputs the stage reads, as its bindings (validated) name them; an optional table no need provides is left out.</summary>
    public static List<UpstreamInput> SelectUpstream(ValidatedStage stage, IReadOnlyDictionary<string, StageRecord> records) =>
        stage.Bindings
            .Where(b => records[b.Stage].Outputs.ContainsKey(b.Output))
            .Select(b => new UpstreamInput(b.Stage, b.Output, records[b.Stage].Outputs[b.Output].Sha256, b.Input == b.Output ? null : b.Input))
            .OrderBy(u => u.Name, StringComparer.Ordinal)
            .ToList();

    public KeyComponents Components(ValidatedStage stage, IReadOnlyDictionary<string, IReadOnlyList<SourceFile>> sources,
        IReadOnlyList<UpstreamInput> upstream, string device) => new()
    {
        Kind = stage.Kind.Name,
        KindVersion = stage.Kind.Version,
        AssemblyVersion = stage.Kind.AssemblyVersion,
        Code = codeIdentity.Of(stage.Kind),
        ParametersJson = stage.Parameters.ToCanonicalJson(),
        Sources = sources.SelectMany(kv => kv.Value.Select(f => new SourceInput(kv.Key, f.RelativePath, f.Sha256))).ToList(),
        Upstream = upstream,
        Facts = stage.Kind.DeviceAffectsOutput
            ? new SortedDictionary<string, string>(StringComparer.Ordinal) { ["device"] = device }
            : new SortedDictionary<string, string>(StringComparer.Ordinal),
    };
}
