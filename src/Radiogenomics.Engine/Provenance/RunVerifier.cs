using System.Globalization;
using System.Text.Json.Nodes;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Hashing;

namespace Radiogenomics.Engine.Provenance;

/// <summary>Re-hashes every file an archived run lists — its results and the files stages wrote outside the cache — and reports each mismatch.</summary>
public static class RunVerifier
{
    public static VerificationReport Verify(string runDirectory)
    {
        string metadata = Path.Combine(runDirectory, RunArchive.MetadataFile);
        if (!File.Exists(metadata))
        {
            string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(runDirectory));
            if (name.EndsWith(".partial", StringComparison.Ordinal) || name.EndsWith(".interrupted", StringComparison.Ordinal))
                throw new EngineException($"{runDirectory} is a run that never finished archiving (it was killed or is still going on): it holds stage logs " +
                    $"but no {RunArchive.MetadataFile}, so there is nothing to verify. Its logs say how far it got; `rg gc` removes it once no run holds the workspace.");
            throw new EngineException($"{runDirectory} is not an archived run: it has no {RunArchive.MetadataFile}");
        }
        var graph = JsonNode.Parse(File.ReadAllText(metadata))!["@graph"]!.AsArray();
        int checkedFiles = 0;
        var mismatches = new List<string>();
        var changedInputs = new List<string>();
        foreach (var node in graph)
        {
            string? id = (string?)node!["@id"];
            string? sha = (string?)node["sha256"];
            if (id is null || sha is null) continue;
            if (id.StartsWith('#')) continue; // a shared export names outside files by workspace path (#workspace/…): nothing here to re-hash
            bool external = id.StartsWith("file:", StringComparison.Ordinal);
            string path = external ? new Uri(id).LocalPath : Path.Combine(runDirectory, id);
            // A file outside the run folder is an input unless a stage wrote it (producedBy): then it is a product.
            var problems = external && node["producedBy"] is null ? changedInputs : mismatches;
            checkedFiles++;
            if (!File.Exists(path)) { problems.Add($"{id}: missing"); continue; }
            long size = new FileInfo(path).Length;
            if (node["contentSize"] is { } cs && long.Parse((string)cs!, CultureInfo.InvariantCulture) != size)
                problems.Add($"{id}: size {size} bytes, archived {(string)cs!}");
            else if (Sha256Hex.OfFile(path) != sha)
                problems.Add($"{id}: SHA-256 differs from the archived {sha[..12]}…");
        }
        return new VerificationReport(runDirectory, checkedFiles, mismatches, changedInputs);
    }
}
