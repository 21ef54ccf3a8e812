using System.Text.Json.Nodes;

namespace Radiogenomics.Engine.Caching;

/// <summary>
/// Deletes cache objects that neither the current state of any workflow nor the last K archived runs
/// reference. Archived runs hold their own hard links or copies, so collecting never damages them;
/// run folders themselves are deleted only when asked (<c>pruneRuns</c>), oldest first, keeping K.
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

        var runs = Directory.Exists(workspace.RunsDirectory)
            ? Directory.EnumerateDirectories(workspace.RunsDirectory).Where(d => File.Exists(Path.Combine(d, Provenance.RunArchive.MetadataFile)))
                .Where(d => new FileInfo(d).LinkTarget is null).Order(StringComparer.Ordinal).ToList()
            : [];
        var kept = runs.TakeLast(Math.Max(0, keepRuns)).ToList();
        foreach (var run in kept)
            foreach (var node in JsonNode.Parse(File.ReadAllText(Path.Combine(run, Provenance.RunArchive.MetadataFile)))!["@graph"]!.AsArray())
                if ((string?)node!["@id"] is { } id && id.StartsWith("results/", StringComparison.Ordinal) && (string?)node["sha256"] is { } sha)
                    live.Add(sha);

        int deleted = 0, keptCount = 0;
        long bytes = 0;
        foreach (var digest in store.All().ToList())
        {
            if (live.Contains(digest)) { keptCount++; continue; }
            bytes += new FileInfo(store.PathOf(digest)).Length;
            deleted++;
            if (!dryRun) store.Delete(digest);
        }
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
                runsDeleted.Add(Path.GetFileName(run));
                if (!dryRun) Directory.Delete(run, recursive: true);
            }
        return new GarbageReport(keptCount, deleted, bytes, recordsDeleted, runsDeleted);
    }
}
