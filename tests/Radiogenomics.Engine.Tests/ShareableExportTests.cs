using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Provenance;
using Radiogenomics.Engine.TestHost;
using Xunit;

namespace Radiogenomics.Engine.Tests;

/// <summary>Issue 19 item 10: a shareable copy of a run's provenance holds no absolute path, hostname or home folder, and still verifies.</summary>
[Collection("executions")]
public sealed class ShareableExportTests : IDisposable
{
    private readonly TempWorkspace _ws = new();

    public ShareableExportTests() => _ws.Write("data/a.txt", "alpha");

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task TheExportHasNoMachinePathsOrHostnameAndVerifies()
    {
        _ws.Write("wf.yaml", """
            workflow: failing
            stages:
              - id: source
                uses: test.source
                inputs:
                  data: data/*.txt
              - id: broken
                uses: test.fail
                needs: source
            """);
        var engine = _ws.Engine();
        var report = await engine.RunAsync(engine.Load(Path.Combine(_ws.Root, "wf.yaml")), new RunRequest(), cancellationToken: TestContext.Current.CancellationToken);
        string original = File.ReadAllText(Path.Combine(report.RunDirectory!, "ro-crate-metadata.json"));
        Assert.Contains(_ws.Root, original); // what the export is for: file:// ids of the inputs
        Assert.Contains(Environment.MachineName, original);

        string export = Path.Combine(_ws.Root, "..", Path.GetFileName(_ws.Root) + "-export");
        try
        {
            ShareableExport.Write(report.RunDirectory!, _ws.Root, export);
            foreach (var file in Directory.EnumerateFiles(export, "*", SearchOption.AllDirectories))
            {
                string text = File.ReadAllText(file);
                Assert.DoesNotContain(_ws.Root, text);
                Assert.DoesNotContain("file://", text);
                Assert.DoesNotContain(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + "/", text);
            }
            string crate = File.ReadAllText(Path.Combine(export, "ro-crate-metadata.json"));
            Assert.DoesNotContain("#machine-hostname", crate);
            Assert.Contains("\"#workspace/data/a.txt\"", crate);
            Assert.True(RunVerifier.Verify(export).Intact);
        }
        finally
        {
            if (Directory.Exists(export)) Directory.Delete(export, recursive: true);
        }
    }
}
