using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Hashing;

namespace Radiogenomics.Engine.Provenance;

/// <summary>
/// A copy of an archived run that can be shared: the crate and the logs without this machine's absolute paths, its
/// hostname or the user's home folder. Files outside the run (inputs, files stages wrote) become contextual entities
/// named by their workspace-relative path (<c>#workspace/data/x.csv</c>) with their SHA-256 and size; the workspace, the
/// home folder and the temp folder in any text become <c>&lt;workspace&gt;</c>, <c>~</c> and <c>&lt;tmp&gt;</c>; the
/// checksums of rewritten logs are updated, so <see cref="RunVerifier"/> finds the export intact.
/// What it does not do: de-identify data. Results and inputs' names are copied as they are (see the README's
/// "What is and is not de-identified").
/// </summary>
public static class ShareableExport
{
    public const string WorkspacePrefix = "#workspace/";

    private const string HostnameEntity = "#machine-hostname";

    /// <summary>Writes the export to <paramref name="destination"/> (which must not exist); returns how many text replacements were made.</summary>
    public static int Write(string runDirectory, string workspaceRoot, string destination)
    {
        string metadataPath = Path.Combine(runDirectory, RunArchive.MetadataFile);
        if (!File.Exists(metadataPath)) throw new EngineException($"{runDirectory} is not an archived run: it has no {RunArchive.MetadataFile}");
        if (Directory.Exists(destination) || File.Exists(destination)) throw new EngineException($"{destination} exists; name a new folder for the export");

        var replacements = Replacements(workspaceRoot);
        int replaced = 0;
        string Scrub(string text)
        {
            foreach (var (from, to) in replacements)
            {
                if (!text.Contains(from, StringComparison.Ordinal)) continue;
                replaced++;
                text = text.Replace(from, to, StringComparison.Ordinal);
            }
            return text;
        }

        string temp = destination + ".partial";
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        var rewritten = new Dictionary<string, (string Sha256, long Size)>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(runDirectory, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(runDirectory, file).Replace('\\', '/');
            if (relative == RunArchive.MetadataFile) continue;
            string target = Path.Combine(temp, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (relative.StartsWith(RunArchive.LogsFolder + "/", StringComparison.Ordinal))
            {
                string text = Scrub(File.ReadAllText(file));
                File.WriteAllText(target, text);
                rewritten[relative] = (Sha256Hex.OfFile(target), new FileInfo(target).Length);
            }
            else File.Copy(file, target);
        }

        var crate = JsonNode.Parse(File.ReadAllText(metadataPath))!;
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in crate["@graph"]!.AsArray())
            if ((string?)node!["@id"] is { } id && id.StartsWith("file:", StringComparison.Ordinal) && (string?)node["name"] is { } name)
                ids[id] = WorkspacePrefix + name;
        crate = Rewrite(crate, ids, Scrub)!;
        var graph = crate["@graph"]!.AsArray();
        foreach (var host in graph.Where(n => (string?)n!["@id"] == HostnameEntity).ToList()) graph.Remove(host);
        foreach (var node in graph)
        {
            if (node is not JsonObject entity) continue;
            foreach (var (_, value) in entity.ToList())
                if (value is JsonArray refs)
                    foreach (var r in refs.Where(r => r is JsonObject ro && (string?)ro["@id"] == HostnameEntity).ToList()) refs.Remove(r);
            if ((string?)entity["@id"] is { } id && rewritten.TryGetValue(id, out var fresh))
            {
                entity["sha256"] = fresh.Sha256;
                entity["contentSize"] = fresh.Size.ToString(CultureInfo.InvariantCulture);
            }
        }
        File.WriteAllText(Path.Combine(temp, RunArchive.MetadataFile), crate.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Directory.Move(temp, destination);
        return replaced;
    }

    /// <summary>Longest first, so the workspace inside the home folder becomes &lt;workspace&gt;, not ~/….</summary>
    private static List<(string From, string To)> Replacements(string workspaceRoot)
    {
        var list = new List<(string, string)>();
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workspaceRoot));
        list.Add((new Uri(root + "/").AbsoluteUri, "<workspace>/"));
        list.Add((root, "<workspace>"));
        string temp = Path.TrimEndingDirectorySeparator(Path.GetTempPath());
        if (temp.Length > 1) list.Add((temp, "<tmp>"));
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 1) list.Add((home, "~"));
        return list.OrderByDescending(r => ((string)r.Item1).Length).ToList();
    }

    private static JsonNode? Rewrite(JsonNode? node, IReadOnlyDictionary<string, string> ids, Func<string, string> scrub)
    {
        switch (node)
        {
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (key, value) in o) copy[key] = Rewrite(value, ids, scrub);
                return copy;
            case JsonArray a:
                var list = new JsonArray();
                foreach (var item in a) list.Add(Rewrite(item, ids, scrub));
                return list;
            case JsonValue v when v.TryGetValue<string>(out var s):
                return JsonValue.Create(ids.TryGetValue(s, out var mapped) ? mapped : scrub(s));
            default:
                return node?.DeepClone();
        }
    }
}
