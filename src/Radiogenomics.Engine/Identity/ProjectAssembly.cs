using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Radiogenomics.Engine.Identity;

/// <summary>
/// One of the project's own assemblies opened for <see cref="TypeClosureIdentity"/>: its image read into memory
/// (never loaded through the host), its top-level types indexed by full name, and the digest of each type unit
/// (a top-level type with all its nested types) computed once per process.
/// </summary>
internal sealed class ProjectAssembly
{
    private readonly Dictionary<string, TypeDefinitionHandle> _topLevel = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<TypeUnit>> _units = new(StringComparer.Ordinal);
    private readonly Func<string, AssemblyKind> _classify;
    private readonly object _gate = new();

    public ProjectAssembly(string name, string path, Func<string, AssemblyKind> classify)
    {
        Name = name;
        Path = path;
        _classify = classify;
        Pe = new PEReader(ImmutableArray.Create(File.ReadAllBytes(path)));
        if (!Pe.HasMetadata) throw new BadImageFormatException($"{path} is not a managed assembly");
        Metadata = Pe.GetMetadataReader();
        foreach (var handle in Metadata.TypeDefinitions)
        {
            var type = Metadata.GetTypeDefinition(handle);
            if (type.GetDeclaringType().IsNil) _topLevel[FullName(type)] = handle;
        }
    }

    public string Name { get; }
    public string Path { get; }
    public PEReader Pe { get; }
    public MetadataReader Metadata { get; }

    /// <summary>Names of the top-level types every closure that reaches this assembly includes: module-level code and compiler-emitted data.</summary>
    public IEnumerable<string> AlwaysIncluded => _topLevel.Keys.Where(n => n is "<Module>" or "<PrivateImplementationDetails>");

    public bool Defines(string fullName) => _topLevel.ContainsKey(fullName);

    public TypeDefinitionHandle? Find(string fullName) => _topLevel.TryGetValue(fullName, out var h) ? h : null;

    /// <summary>The digest of a top-level type and what it refers to; throws <see cref="UnresolvableCodeException"/> when that cannot be decided.</summary>
    public TypeUnit Unit(string fullName) => _units.GetOrAdd(fullName, n => new Lazy<TypeUnit>(() =>
    {
        if (!_topLevel.TryGetValue(n, out var handle)) throw new UnresolvableCodeException($"{Name} defines no type {n} (forwarded or removed)");
        // MetadataReader is safe to share, but one digest at a time keeps the per-unit reach sink simple.
        lock (_gate) return new TypeUnitDigester(this, _classify).Digest(handle);
    })).Value;

    /// <summary>The digest of the embedded resources' names, attributes and bytes; null when the assembly has none.</summary>
    public string? ResourcesDigest()
    {
        if (Metadata.ManifestResources.Count == 0) return null;
        var writer = new CanonicalWriter();
        var directory = Pe.PEHeaders.CorHeader!.ResourcesDirectory;
        foreach (var handle in Metadata.ManifestResources)
        {
            var resource = Metadata.GetManifestResource(handle);
            writer.Write(Metadata.GetString(resource.Name));
            writer.Write((int)resource.Attributes);
            if (!resource.Implementation.IsNil)
                throw new UnresolvableCodeException($"{Name}'s resource {Metadata.GetString(resource.Name)} lives outside the assembly");
            var data = Pe.GetSectionData(directory.RelativeVirtualAddress + (int)resource.Offset);
            var reader = data.GetReader();
            int length = reader.ReadInt32();
            writer.Write(data.GetContent(4, length).AsSpan());
        }
        return writer.Finish();
    }

    public string FullName(TypeDefinition type)
    {
        string name = Metadata.GetString(type.Name);
        if (!type.GetDeclaringType().IsNil) return FullName(Metadata.GetTypeDefinition(type.GetDeclaringType())) + "/" + name;
        string ns = Metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public TypeDefinitionHandle TopLevelOf(TypeDefinitionHandle handle)
    {
        while (true)
        {
            var declaring = Metadata.GetTypeDefinition(handle).GetDeclaringType();
            if (declaring.IsNil) return handle;
            handle = declaring;
        }
    }
}
