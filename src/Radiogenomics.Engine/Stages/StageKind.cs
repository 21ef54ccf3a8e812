namespace Radiogenomics.Engine.Stages;

/// <summary>
/// A kind of stage (e.g. <c>associate.lme</c>): what it accepts, what it produces and how it runs.
/// Stage authors bump <see cref="Version"/> to say a change is meant to change the output; the cache key also
/// holds the digest of the code the kind runs (its assembly closure and <see cref="NativeCode"/>), so a change
/// that alters results reruns the stage even when nobody bumps the version.
/// </summary>
public abstract class StageKind
{
    /// <summary>Registered name used in YAML <c>uses:</c>, e.g. "associate.lme".</summary>
    public abstract string Name { get; }

    /// <summary>Implementation version, bumped by the stage author when results can change.</summary>
    public abstract int Version { get; }

    public abstract string Summary { get; }

    public virtual IReadOnlyList<ParameterSpec> Parameters => [];

    /// <summary>Non-empty for source stages, which read files named in the workflow's <c>inputs:</c>.</summary>
    public virtual IReadOnlyList<InputSlotSpec> Inputs => [];

    /// <summary>Names of the upstream outputs this kind reads (found among the stage's <c>needs</c>).</summary>
    public virtual IReadOnlyList<string> Consumes => [];

    /// <summary>Upstream outputs this kind reads when a need provides them (e.g. gene sets made by a fetch stage).</summary>
    public virtual IReadOnlyList<string> OptionalConsumes => [];

    public abstract IReadOnlyList<OutputSpec> Produces { get; }

    /// <summary>True when the kind can use a GPU; others always run on the CPU.</summary>
    public virtual bool SupportsGpu => false;

    /// <summary>True when the output differs by device (e.g. floating-point training on GPU vs CPU), so the device is keyed.</summary>
    public virtual bool DeviceAffectsOutput => false;

    /// <summary>
    /// The assembly's informational version, folded into the cache key with <see cref="Version"/>. Kinds whose
    /// output bytes also depend on a native library (e.g. the Parquet writer) append that library's version.
    /// </summary>
    public virtual string AssemblyVersion =>
        GetType().Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
        ?? GetType().Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>What one execution occupies (cores, process-wide resources), for the scheduler; one core by default.</summary>
    public virtual StageResources Resources(ResolvedParameters parameters) => StageResources.Default;

    /// <summary>Native libraries the kind calls whose bytes are part of its code identity (e.g. the libtorch bridge).</summary>
    public virtual IReadOnlyList<string> NativeCode => [];

    public abstract Task RunAsync(StageContext context, CancellationToken cancellationToken);
}
