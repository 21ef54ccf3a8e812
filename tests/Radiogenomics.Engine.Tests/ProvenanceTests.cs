using System.Text.Json.Nodes;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.Provenance;
using Radiogenomics.Engine.TestHost;
using Xunit;

namespace Radiogenomics.Engine.Tests;

[Collection("executions")]
public class ProvenanceTests : IDisposable
{
    private readonly TempWorkspace _ws = new();

    public ProvenanceTests()
    {
        _ws.Write("data/a.txt", "alpha");
        _ws.Write("wf.yaml", TempWorkspace.Chain);
    }

    public void Dispose() => _ws.Dispose();

    private RunReport Run()
    {
        var engine = _ws.Engine();
        return engine.RunAsync(engine.Load(Path.Combine(_ws.Root, "wf.yaml")), new RunRequest()).GetAwaiter().GetResult();
    }

    private static JsonArray Graph(string runDir) => JsonNode.Parse(File.ReadAllText(Path.Combine(runDir, "ro-crate-metadata.json")))!["@graph"]!.AsArray();

    private static JsonNode Entity(JsonArray graph, string id) => graph.First(n => (string?)n!["@id"] == id)!;

    [Fact]
    public void EveryOutputIsInTheCrateWithItsHashAndSize()
    {
        var report = Run();
        var graph = Graph(report.RunDirectory!);
        Assert.Matches(@"^\d{8}T\d{6}\.\d{3}Z-chain-[0-9a-f]{8}$", Path.GetFileName(report.RunDirectory!));
        Assert.Equal(Path.Combine(_ws.Root, "runs", "chain"), Path.GetDirectoryName(report.RunDirectory!)); // runs/<workflow>/
        foreach (var stage in report.Stages)
        foreach (var (name, obj) in stage.Record!.Outputs)
        {
            string rel = $"results/{stage.StageId}/{name}{obj.Extension}";
            var entity = Entity(graph, rel);
            Assert.Equal(obj.Sha256, (string?)entity["sha256"]);
            Assert.Equal(obj.Size.ToString(), (string?)entity["contentSize"]);
            Assert.Equal(obj.Sha256, Sha256Hex.OfFile(Path.Combine(report.RunDirectory!, rel)));
        }
        var exec = Entity(graph, "#exec-source");
        Assert.Equal("executed", (string?)exec["cacheStatus"]);
        Assert.Equal("#tool-source", (string?)exec["instrument"]!["@id"]);
        Assert.Equal("RandomSeed", (string?)Entity(graph, "#pv-source-seed")["additionalType"]);
        Assert.Equal("42", (string?)Entity(graph, "#pv-source-seed")["value"]);
        var input = graph.First(n => ((string?)n!["@id"])!.StartsWith("file:"))!;
        Assert.Equal("data/a.txt", (string?)input["name"]);
        Assert.Equal(Sha256Hex.OfText("alpha"), (string?)input["sha256"]);
        Assert.Equal(1, Entity(graph, "#exec-source")["facts"]!["files"]!.GetValue<int>());
        Assert.Equal("NaN", Entity(graph, "#exec-source")["facts"]!["undefined"]!.GetValue<string>());
        var root = Entity(graph, "./");
        Assert.Contains(root["conformsTo"]!.AsArray(), c => (string?)c!["@id"] == "https://w3id.org/ro/wfrun/workflow/0.5");
        Assert.Equal("wf.yaml", (string?)root["mainEntity"]!["@id"]);
        Assert.Contains(graph, n => (string?)n!["name"] == ".NET");
        Assert.Equal("CompletedActionStatus", ((string?)Entity(graph, "#run")["actionStatus"])!.Split('/').Last());
        Assert.True(File.Exists(Path.Combine(_ws.Root, "runs", "chain", "latest", "ro-crate-metadata.json")));

        var noop = Run(); // nothing ran and the latest run holds these results: no new folder, it points there
        Assert.True(noop.ReusedArchive);
        Assert.Equal(report.RunDirectory, noop.RunDirectory);
        Assert.Single(Directory.EnumerateDirectories(Path.Combine(_ws.Root, "runs", "chain")), d => new DirectoryInfo(d).LinkTarget is null);

        _ws.Write("wf.yaml", TempWorkspace.Chain.Replace("op: reverse", "op: upper"));
        var second = Run(); // a partly cached run is archived, and says which stages were cached
        Assert.False(second.ReusedArchive);
        Assert.NotEqual(report.RunDirectory, second.RunDirectory);
        Assert.Equal("cached", (string?)Entity(Graph(second.RunDirectory!), "#exec-source")["cacheStatus"]);
    }

    [Fact]
    public void VerifyFindsEveryMismatch()
    {
        var report = Run();
        var ok = RunVerifier.Verify(report.RunDirectory!);
        Assert.True(ok.Intact);
        Assert.True(ok.FilesChecked >= 6);

        // Replace (not edit: archived files are hard links to read-only cache objects) one result.
        string victim = Path.Combine(report.RunDirectory!, "results/upper/result.txt");
        File.Delete(victim);
        File.WriteAllText(victim, "tampered");
        File.Delete(Path.Combine(report.RunDirectory!, "results/reverse/result.txt"));
        _ws.Write("data/a.txt", "edited after the run");
        var bad = RunVerifier.Verify(report.RunDirectory!);
        Assert.False(bad.Intact);
        Assert.Equal(2, bad.Mismatches.Count);
        Assert.Contains(bad.Mismatches, m => m.StartsWith("results/upper/result.txt: size"));
        Assert.Contains(bad.Mismatches, m => m == "results/reverse/result.txt: missing");
        Assert.Single(bad.ChangedInputs);
        // The cache object itself was never touched.
        Assert.True(_ws.Engine().Store.Verify(report["upper"].Record!.Outputs["result"].Sha256));
    }

    [Fact]
    public void TheWorkspacesGitStateBelongsToTheWorkflowAndEachToolNamesTheCodeItRan()
    {
        foreach (var args in new[] { "init -q", "-c user.email=t@t -c user.name=t add wf.yaml", "-c user.email=t@t -c user.name=t commit -q -m wf" })
        {
            using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", $"-C \"{_ws.Root}\" {args}") { RedirectStandardOutput = true })!;
            git.WaitForExit();
            Assert.Equal(0, git.ExitCode);
        }
        var graph = Graph(Run().RunDirectory!);
        var (commit, dirty) = EnvironmentFacts.GitState(_ws.Root)!.Value;
        Assert.Equal(commit, (string?)Entity(graph, "wf.yaml")["version"]);
        Assert.Equal(dirty, (bool?)Entity(graph, "wf.yaml")["uncommittedChanges"]);
        Assert.Null(Entity(graph, "#engine")["gitCommit"]); // the workspace is not the engine's source
        Assert.Matches("^sha256:[0-9a-f]{64}$", (string?)Entity(graph, "#tool-source")["identifier"]);
    }
}
