using System.Text.Json.Nodes;

namespace Radiogenomics.Engine.Caching;

/// <summary>
/// Deletes cache objects that neither the current state of any workflow nor the last K archived runs of each
/// workflow reference. Archived runs hold their own copies, so collecting never damages them; run folders
/// themselves are deleted only when asked (<c>pruneRuns</c>), oldest first, keeping K per workflow. Run folders of
/// runs that died before archiving (<c>.partial</c>) are always removed: gc holds the workspace lock, so no run
/// is writing them; set-aside ones (<c>.interrupted</c>, kept for their logs) go with <c>pruneRuns</c>.
/// </summary>
public sealed class GarbageCollector(Workspace workspace)
{
    public GarbageReport Collect(int keepRuns, bool pruneRuns, bool dryRun)
    {
        var store = new ContentStore(workspace);
        var records = new RecordStore(workspace);
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, state) in records.AllStates())
            foreach (var o in state.Outputs.Values) live.Add(o.Sha256);

        var runs = RunFolders().ToList();
        var kept = runs.GroupBy(r => Path.GetDirectoryName(r)!, StringComparer.Ordinal)
            .SelectMany(g => g.TakeLast(Math.Max(0, keepRuns))).ToList();
        foreach (var run in kept)
            foreach (var node in JsonNode.Parse(File.ReadAllText(Path.Combine(run, Provenance.RunArchive.MetadataFile)))!["@graph"]!.AsArray())
                if ((string?)node!["@id"] is { } id && id.StartsWith("results/", StringComparison.Ordinal) && (string?)node["sha256"] is { } sha)
                    live.Add(sha);

        int deleted = 0, keptCount = 0;
        long bytes = 0, stillLinked = 0;
        foreach (var digest in store.All().ToList())
        {
            if (live.Contains(digest)) { keptCount++; continue; }
            var stamp = FileIdentity.StampOf(store.PathOf(digest));
            if (stamp is { Links: > 1 } linked) stillLinked += linked.Size; // an old archive's hard link keeps the blocks
            else bytes += stamp?.Size ?? 0;
            deleted++;
            if (!dryRun) store.Delete(digest);
        }
        if (!dryRun) store.SaveChecks();
        int recordsDeleted = 0;
        foreach (var record in records.AllRecords().ToList())
            if (record.Outputs.Values.Any(o => !live.Contains(o.Sha256) && (dryRun || !store.Contains(o.Sha256))))
            {
                recordsDeleted++;
                if (!dryRun) records.DeleteRecord(record.Key);
            }
        var runsDeleted = new List<string>();
        if (pruneRuns)
            foreach (var run in runs.Except(kept))
            {
                runsDeleted.Add(workspace.RelativeToRuns(run));
                if (!dryRun) Directory.Delete(run, recursive: true);
            }
        var abandoned = new List<string>();
        foreach (var folder in RunLevelFolders().Where(d => d.EndsWith(".partial", StringComparison.Ordinal) || (pruneRuns && d.EndsWith(".interrupted", StringComparison.Ordinal))))
        {
            abandoned.Add(workspace.RelativeToRuns(folder));
            if (!dryRun) Directory.Delete(folder, recursive: true);
        }
        int corrupt = 0;
        if (Directory.Exists(workspace.CorruptDirectory))
            foreach (var file in Directory.EnumerateFiles(workspace.CorruptDirectory).ToList())
            {
                corrupt++;
                if (!dryRun) File.Delete(file);
            }
        return new GarbageReport(keptCount, deleted, bytes, recordsDeleted, runsDeleted)
        {
            BytesStillLinked = stillLinked, AbandonedRunsDeleted = abandoned, CorruptDeleted = corrupt,
        };
    }

    /// <summary>Archived runs (folders with provenance, not links), oldest first: runs/&lt;workflow&gt;/&lt;id&gt; and the older flat runs/&lt;id&gt;.</summary>
    private IEnumerable<string> RunFolders() =>
        RunLevelFolders().Where(d => File.Exists(Path.Combine(d, Provenance.RunArchive.MetadataFile))).Order(StringComparer.Ordinal);

    private IEnumerable<string> RunLevelFolders()
    {
        if (!Directory.Exists(workspace.RunsDirectory)) yield break;
        foreach (var top in Directory.EnumerateDirectories(workspace.RunsDirectory).Where(d => new DirectoryInfo(d).LinkTarget is null).ToList())
        {
            yield return top;
            if (File.Exists(Path.Combine(top, Provenance.RunArchive.MetadataFile))) continue;
            foreach (var inner in Directory.EnumerateDirectories(top).Where(d => new DirectoryInfo(d).LinkTarget is null).ToList())
                yield return inner;
        }
    }
}
