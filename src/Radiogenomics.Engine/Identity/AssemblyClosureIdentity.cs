using System.Collections.Concurrent;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Identity;

/// <summary>
/// A kind's code identity: the <see cref="AssemblyDigest"/> of its assembly and of every assembly it references,
/// transitively, that was deployed beside it (the solution's libraries and NuGet packages; the shared framework
/// is represented by the runtime version), plus the bytes of the native libraries the kind declares
/// (<see cref="StageKind.NativeCode"/>). References are read from metadata and resolved as files next to the
/// kind's assembly, not through the host's loader, so <c>rg</c>, Cake and the tests compute the same identity.
/// The granularity is the assembly: a change in <c>Radiogenomics.Statistics</c> changes the identity of every
/// kind whose assembly references it; early cut-off then stops identical outputs from going further.
/// </summary>
public sealed class AssemblyClosureIdentity : ICodeIdentity
{
    private readonly ConcurrentDictionary<string, string> _fileDigests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, string>> _byKind = new();

    public IReadOnlyDictionary<string, string> Of(StageKind kind) => _byKind.GetOrAdd(kind.GetType(), _ => Compute(kind));

    private SortedDictionary<string, string> Compute(StageKind kind)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["runtime"] = Environment.Version.ToString() };
        string root = kind.GetType().Assembly.Location;
        if (string.IsNullOrEmpty(root))
            throw new InvalidOperationException($"stage kind {kind.Name}: its assembly was loaded from memory, so its code cannot be identified");
        Walk(root, result);
        foreach (var path in kind.NativeCode)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"stage kind {kind.Name} runs the native library {path}, which does not exist; build it with ./build.sh", path);
            result["native:" + Path.GetFileName(path)] = _fileDigests.GetOrAdd("native:" + Path.GetFullPath(path), _ => Sha256Hex.OfFile(path));
        }
        return result;
    }

    private void Walk(string assemblyPath, SortedDictionary<string, string> result)
    {
        string directory = Path.GetDirectoryName(assemblyPath)!;
        var queue = new Queue<string>([assemblyPath]);
        while (queue.Count > 0)
        {
            string path = queue.Dequeue();
            string name = Path.GetFileNameWithoutExtension(path);
            if (result.ContainsKey(name)) continue;
            result[name] = _fileDigests.GetOrAdd(Path.GetFullPath(path), AssemblyDigest.Of);
            foreach (var reference in References(path))
            {
                string candidate = Path.Combine(directory, reference + ".dll");
                // Not deployed beside the kind: part of the shared framework, covered by the runtime version.
                if (!result.ContainsKey(reference) && File.Exists(candidate)) queue.Enqueue(candidate);
            }
        }
    }

    private static List<string> References(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
    }
}
