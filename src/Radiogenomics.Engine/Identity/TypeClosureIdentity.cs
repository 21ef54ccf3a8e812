using System.Collections.Concurrent;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Identity;

/// <summary>
/// A kind's code identity at type granularity: the digest of every type of the project's own assemblies (those
/// deployed beside the kind and named <c>Radiogenomics.*</c>) that the kind's type reaches — through its base type,
/// interfaces, generic arguments, signatures, custom attributes, nested types (lambdas, iterators, async state
/// machines) and every type or member its method bodies refer to — plus each reached assembly's module-level
/// code, compiler-emitted data and embedded resources. Other assemblies reached (NuGet packages) keep their
/// whole-assembly <see cref="AssemblyDigest"/>, the shared framework is represented by the runtime version, and
/// native libraries by their bytes, as in <see cref="AssemblyClosureIdentity"/>. So a change to a format string in
/// <c>classify.lasso</c> reruns the kinds that reach that type and not <c>extract.dae</c>.
/// Assemblies are read as metadata, never loaded. Whatever cannot be resolved or decoded in an assembly makes that
/// assembly (and the project assemblies it references) count whole, as before: a false rerun, never a missed one.
/// Names are "Radiogenomics.Stages: ClassifyLassoStage" (the full name where two reached types share one).
/// </summary>
public sealed class TypeClosureIdentity : ICodeIdentity
{
    private const string ProjectPrefix = "Radiogenomics.";
    // Process-wide, by full path, size and modification time: every engine (a test makes hundreds) shares the type digests.
    private static readonly ConcurrentDictionary<string, Lazy<ProjectAssembly>> Assemblies = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> AssemblyDigests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _nativeDigests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, Lazy<IReadOnlyDictionary<string, string>>> _byKind = new();
    private readonly ConcurrentDictionary<string, string> _fallbacks = new(StringComparer.Ordinal);
    private readonly PersistedClosures? _persisted;

    /// <param name="persistPath">Where closures computed before are kept between processes (cache/code-identity.json); null keeps them in memory only.</param>
    public TypeClosureIdentity(string? persistPath = null)
    {
        if (persistPath is not null) _persisted = new PersistedClosures(persistPath);
    }

    public IReadOnlyDictionary<string, string> Of(StageKind kind) =>
        _byKind.GetOrAdd(kind.GetType(), _ => new Lazy<IReadOnlyDictionary<string, string>>(() => Compute(kind))).Value;

    /// <summary>Assemblies that were identified whole because something in them could not be resolved, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Fallbacks => _fallbacks;

    private SortedDictionary<string, string> Compute(StageKind kind)
    {
        var type = kind.GetType();
        string path = type.Assembly.Location;
        if (string.IsNullOrEmpty(path))
            throw new InvalidOperationException($"stage kind {kind.Name}: its assembly was loaded from memory, so its code cannot be identified");
        while (type.DeclaringType is not null) type = type.DeclaringType;
        var result = Persisted(path, type.FullName ?? type.Name);
        foreach (var library in kind.NativeCode)
        {
            if (!File.Exists(library))
                throw new FileNotFoundException($"stage kind {kind.Name} runs the native library {library}, which does not exist; build it with ./build.sh", library);
            result["native:" + Path.GetFileName(library)] = _nativeDigests.GetOrAdd(Path.GetFullPath(library), _ => Sha256Hex.OfFile(library));
        }
        return result;
    }

    /// <summary>The closure as persisted when every assembly it read is unchanged, else computed and persisted.</summary>
    internal SortedDictionary<string, string> Persisted(string assemblyPath, string typeFullName)
    {
        string key = Path.GetFullPath(assemblyPath) + "|" + typeFullName;
        if (_persisted?.Find(key, p => AssemblyDigests.GetOrAdd(StatKey(p), _ => AssemblyDigest.Of(p))) is { } known) return known;
        var (result, read) = Walked(assemblyPath, typeFullName);
        // A closure that fell back is not kept: the fallback's reason is reported again by the next process.
        if (_persisted is not null && !result.Keys.Any(_fallbacks.ContainsKey))
            _persisted.Save(key, read.Select(p => (p, AssemblyDigests.GetOrAdd(StatKey(p), _ => AssemblyDigest.Of(p)))), result);
        return result;
    }

    /// <summary>The identity of the code a top-level type in the assembly at <paramref name="assemblyPath"/> reaches (exposed for tests).</summary>
    internal SortedDictionary<string, string> Closure(string assemblyPath, string typeFullName) => Walked(assemblyPath, typeFullName).Identity;

    private (SortedDictionary<string, string> Identity, List<string> Read) Walked(string assemblyPath, string typeFullName)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        string rootAssembly = Path.GetFileNameWithoutExtension(assemblyPath);
        var walk = new Walk(this, directory);
        if (Classify(directory, rootAssembly) == AssemblyKind.Project) walk.Reach(rootAssembly, typeFullName);
        else walk.Whole(rootAssembly);
        walk.Run();
        return (walk.Result(), walk.Read.Select(name => Path.Combine(directory, name + ".dll")).ToList());
    }

    private static AssemblyKind Classify(string directory, string assembly) =>
        !File.Exists(Path.Combine(directory, assembly + ".dll")) ? AssemblyKind.Framework
        : assembly.StartsWith(ProjectPrefix, StringComparison.Ordinal) ? AssemblyKind.Project
        : AssemblyKind.Package;

    private static ProjectAssembly Open(string directory, string name)
    {
        string path = Path.Combine(directory, name + ".dll");
        return Assemblies.GetOrAdd(StatKey(path), _ => new Lazy<ProjectAssembly>(() => new ProjectAssembly(name, path, a => Classify(directory, a)))).Value;
    }

    private static string DigestOf(string directory, string name)
    {
        string path = Path.Combine(directory, name + ".dll");
        return AssemblyDigests.GetOrAdd(StatKey(path), _ => AssemblyDigest.Of(path));
    }

    private static string StatKey(string path)
    {
        var info = new FileInfo(path);
        return $"{Path.GetFullPath(path)}|{(info.Exists ? info.Length : -1)}|{(info.Exists ? info.LastWriteTimeUtc.Ticks : 0)}";
    }

    private static List<string> References(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
    }

    /// <summary>One closure computation: a breadth-first walk over type units, with assemblies counted whole where needed.</summary>
    private sealed class Walk(TypeClosureIdentity owner, string directory)
    {
        private readonly Queue<(string Assembly, string Type)> _queue = new();
        private readonly HashSet<(string, string)> _seen = [];
        private readonly HashSet<string> _opened = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ProjectAssembly> _projects = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, string> _wholeOrPackage = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Assembly, string Type), string> _units = [];
        private readonly Dictionary<string, string> _resources = new(StringComparer.Ordinal);

        /// <summary>Every assembly the walk read: a persisted closure holds while these are unchanged.</summary>
        public IEnumerable<string> Read => _opened.Union(_wholeOrPackage.Keys).Order(StringComparer.Ordinal);

        public void Reach(string assembly, string type)
        {
            if (_seen.Add((assembly, type))) _queue.Enqueue((assembly, type));
        }

        public void Run()
        {
            while (_queue.TryDequeue(out var next))
            {
                var (assembly, type) = next;
                if (_wholeOrPackage.ContainsKey(assembly)) continue;
                try
                {
                    if (!_projects.TryGetValue(assembly, out var project)) _projects[assembly] = project = Open(directory, assembly);
                    if (_opened.Add(assembly))
                    {
                        foreach (var always in project.AlwaysIncluded) Reach(assembly, always);
                        if (project.ResourcesDigest() is { } resources) _resources[assembly] = resources;
                    }
                    var unit = project.Unit(type);
                    _units[next] = unit.Digest;
                    foreach (var (a, t) in unit.Types) Reach(a, t);
                    foreach (var package in unit.Packages) Package(package);
                }
                catch (Exception e)   // whatever the reason, counting the assembly whole is the safe answer
                {
                    owner._fallbacks.TryAdd(assembly, $"{type}: {e.Message}");
                    Whole(assembly);
                }
            }
        }

        /// <summary>Counts a project assembly whole, with every project assembly it references, as <see cref="AssemblyClosureIdentity"/> does.</summary>
        public void Whole(string assembly)
        {
            if (_wholeOrPackage.ContainsKey(assembly)) return;
            _wholeOrPackage[assembly] = DigestOf(directory, assembly);
            foreach (var reference in References(Path.Combine(directory, assembly + ".dll")))
            {
                switch (Classify(directory, reference))
                {
                    case AssemblyKind.Project: Whole(reference); break;
                    case AssemblyKind.Package: Package(reference); break;
                }
            }
        }

        /// <summary>A package assembly and the packages it references beside it, each by its whole-assembly digest.</summary>
        private void Package(string assembly)
        {
            if (_wholeOrPackage.ContainsKey(assembly)) return;
            _wholeOrPackage[assembly] = DigestOf(directory, assembly);
            foreach (var reference in References(Path.Combine(directory, assembly + ".dll")))
                if (Classify(directory, reference) != AssemblyKind.Framework) Package(reference);
        }

        public SortedDictionary<string, string> Result()
        {
            var result = new SortedDictionary<string, string>(_wholeOrPackage, StringComparer.Ordinal) { ["runtime"] = Environment.Version.ToString() };
            var units = _units.Where(u => !_wholeOrPackage.ContainsKey(u.Key.Assembly)).ToList();
            var shortNames = units.GroupBy(u => (u.Key.Assembly, Short(u.Key.Type))).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
            foreach (var ((assembly, type), digest) in units)
                result[$"{assembly}: {(shortNames.Contains((assembly, Short(type))) ? type : Short(type))}"] = digest;
            foreach (var (assembly, digest) in _resources)
                if (!_wholeOrPackage.ContainsKey(assembly)) result[$"{assembly}: <resources>"] = digest;
            return result;
        }

        private static string Short(string fullName) => fullName[(fullName.LastIndexOf('.') + 1)..];
    }
}
