using Radiogenomics.Engine.Hashing;

namespace Radiogenomics.Engine.Caching;

/// <summary>
/// Everything that decides a stage's output: kind, implementation version, the assembly's informational
/// version, the digests of the code the kind runs, the resolved parameters, the content of its inputs (upstream outputs and source files, in
/// order) and result-changing facts such as the device. The cache key is SHA-256 of their canonical JSON.
/// Keying upstream outputs by content gives early cut-off: a rerun that writes identical bytes leaves
/// every downstream key unchanged.
/// </summary>
public sealed record KeyComponents
{
    /// <summary>Bump when the key's layout changes, so old records can never be mistaken for new ones.</summary>
    public const int Schema = 2;

    public required string Kind { get; init; }
    public required int KindVersion { get; init; }
    public required string AssemblyVersion { get; init; }
    public required string ParametersJson { get; init; }

    /// <summary>Code identity: assembly or native library name → digest (see <c>Identity.AssemblyClosureIdentity</c>).</summary>
    public IReadOnlyDictionary<string, string> Code { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    public IReadOnlyList<SourceInput> Sources { get; init; } = [];
    public IReadOnlyList<UpstreamInput> Upstream { get; init; } = [];
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new SortedDictionary<string, string>();

    public string ComputeKey()
    {
        var canonical = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["schema"] = Schema,
            ["kind"] = Kind,
            ["kind_version"] = KindVersion,
            ["assembly_version"] = AssemblyVersion,
            ["code"] = new SortedDictionary<string, string>(Code.ToDictionary(), StringComparer.Ordinal),
            ["params"] = ParametersJson, // already canonical text
            ["sources"] = Sources.Select(s => new object[] { s.Slot, s.Path, s.Sha256 }).ToList(),
            ["upstream"] = Upstream.Select(u => new object[] { u.Name, u.Sha256 }).ToList(),
            ["facts"] = new SortedDictionary<string, string>(Facts.ToDictionary(), StringComparer.Ordinal),
        };
        return Sha256Hex.OfText(CanonicalJson.Serialize(canonical));
    }
}
