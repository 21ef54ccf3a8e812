namespace Radiogenomics.Engine.Identity;

/// <summary>Where an assembly a type refers to comes from.</summary>
internal enum AssemblyKind
{
    /// <summary>Beside the kind and named Radiogenomics.*: followed type by type.</summary>
    Project,
    /// <summary>Beside the kind but not ours (a NuGet package): identified by its whole-assembly digest.</summary>
    Package,
    /// <summary>Not deployed beside the kind: the shared framework, identified by the runtime version.</summary>
    Framework,
}
