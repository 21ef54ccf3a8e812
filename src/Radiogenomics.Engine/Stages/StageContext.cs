using System.Collections.Concurrent;

namespace Radiogenomics.Engine.Stages;

/// <summary>
/// What a running stage sees: its parameters, device, input files or upstream tables, where to write
/// its outputs, and how to report progress. Outputs go to a private scratch folder; the engine hashes
/// them into the content store only after <see cref="StageKind.RunAsync"/> returns, so a crash or an
/// exception never leaves a partial object in the cache.
/// </summary>
public sealed class StageContext
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<SourceFile>> _inputs;
    private readonly IReadOnlyDictionary<string, string> _upstream;
    private readonly Action<StageProgress> _progress;
    private readonly Action<string> _log;
    private readonly ConcurrentDictionary<string, string> _outputs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object?> _facts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SourceFile> _written = new(StringComparer.Ordinal);

    /// <summary>
    /// A context for one execution. The engine builds it for every run; a unit test can build one directly to run
    /// a kind without a workspace: give the kind, its parameters (e.g. <c>ParameterBinder</c>'s or a
    /// <see cref="ResolvedParameters"/> of its own), a scratch folder and the upstream tables by name, then read
    /// <see cref="WrittenOutputs"/> and <see cref="RecordedFacts"/>.
    /// </summary>
    public StageContext(
        StageKind kind, ResolvedParameters parameters, string scratchDirectory, string? stageId = null, string device = "cpu",
        string? workspaceRoot = null, IReadOnlyDictionary<string, IReadOnlyList<SourceFile>>? inputs = null,
        IReadOnlyDictionary<string, string>? upstream = null, Action<StageProgress>? progress = null, Action<string>? log = null)
    {
        StageId = stageId ?? kind.Name;
        Kind = kind;
        Parameters = parameters;
        Device = device;
        ScratchDirectory = Path.GetFullPath(scratchDirectory);
        WorkspaceRoot = workspaceRoot ?? ScratchDirectory;
        _inputs = inputs ?? new Dictionary<string, IReadOnlyList<SourceFile>>();
        _upstream = upstream ?? new Dictionary<string, string>();
        _progress = progress ?? (_ => { });
        _log = log ?? (_ => { });
        Directory.CreateDirectory(Path.Combine(ScratchDirectory, "out"));
    }

    public string StageId { get; }
    public StageKind Kind { get; }
    public ResolvedParameters Parameters { get; }

    /// <summary>"cpu" or "cuda": the device this execution runs on (resolved from the stage's request).</summary>
    public string Device { get; }

    public string WorkspaceRoot { get; }

    /// <summary>A private folder for temporary files; deleted after the stage, whatever happens.</summary>
    public string ScratchDirectory { get; }

    /// <summary>Files of a source stage's input slot, sorted by relative path (empty for an optional slot not given).</summary>
    public IReadOnlyList<SourceFile> InputFiles(string slot) => _inputs.TryGetValue(slot, out var files) ? files : [];

    /// <summary>The read-only path of an upstream output table by name (searched among the stage's needs).</summary>
    public string Input(string name) =>
        _upstream.TryGetValue(name, out var path) ? path
        : throw new InvalidOperationException($"stage '{StageId}' asked for upstream table '{name}', but its needs provide only: {string.Join(", ", _upstream.Keys)}");

    public bool HasInput(string name) => _upstream.ContainsKey(name);

    /// <summary>Where to write output <paramref name="name"/>; it must be one of the kind's declared outputs.</summary>
    public string Output(string name)
    {
        var spec = Kind.Produces.FirstOrDefault(o => o.Name == name)
            ?? throw new InvalidOperationException($"stage kind {Kind.Name} does not declare an output '{name}'");
        return _outputs.GetOrAdd(name, n => Path.Combine(ScratchDirectory, "out", n + spec.Extension));
    }

    /// <summary>Outputs asked for so far (name → path in the scratch folder).</summary>
    public IReadOnlyDictionary<string, string> WrittenOutputs => _outputs;

    /// <summary>Facts about this execution for the provenance (e.g. per-epoch losses, counts of excluded patients).</summary>
    public void Record(string name, object? value) => _facts[name] = value;

    public IReadOnlyDictionary<string, object?> RecordedFacts => _facts;

    /// <summary>Fact name under which <see cref="Warn"/> keeps its sentences (shown in the run summary, cached or not).</summary>
    public const string WarningsFact = "warnings";

    /// <summary>Fact name under which <see cref="Headline"/> keeps its sentences.</summary>
    public const string HeadlinesFact = "headlines";

    private readonly List<string> _warnings = [];
    private readonly List<string> _headlines = [];

    /// <summary>
    /// Something the user must see although the stage succeeded (a collapsed model, dead features, skipped fits):
    /// logged now, kept in the provenance and printed under the run summary whenever the record is used.
    /// </summary>
    public void Warn(string message)
    {
        lock (_warnings)
        {
            _warnings.Add(message);
            _facts[WarningsFact] = _warnings.ToArray();
        }

        _log("warning: " + message);
    }

    /// <summary>A one-line finding for the run summary (e.g. recall of planted pairs), kept in the provenance.</summary>
    public void Headline(string message)
    {
        lock (_headlines)
        {
            _headlines.Add(message);
            _facts[HeadlinesFact] = _headlines.ToArray();
        }

        _log(message);
    }

    /// <summary>
    /// Declares files the stage wrote outside the cache for later stages (e.g. a generated DICOM tree), hashed as
    /// <see cref="SourceFile.HashAll"/> does: the engine records them, reruns the stage when one changes or disappears,
    /// and <c>Verify</c> checks them, so nothing a stage produces escapes verification.
    /// </summary>
    public void RecordWrittenFiles(IEnumerable<SourceFile> files)
    {
        foreach (var f in files) _written[f.RelativePath] = f;
    }

    public IReadOnlyCollection<SourceFile> WrittenFiles => _written.Values.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToList();

    public void Report(double? fraction, string? message = null) => _progress(new StageProgress(fraction, message));

    public void Log(string message) => _log(message);

    public CancellationToken CancellationToken { get; init; }
}
