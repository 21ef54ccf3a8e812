using System.Diagnostics;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.Identity;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Engine.TestHost;
using Xunit;

namespace Radiogenomics.Engine.Tests;

/// <summary>Automatic code identity: a result-changing code change reruns a stage without a version bump; a comment does not.</summary>
[Collection("executions")]
public class CodeIdentityTests : IDisposable
{
    private readonly TempWorkspace _ws = new();

    public CodeIdentityTests()
    {
        _ws.Write("data/a.txt", "alpha");
        _ws.Write("wf.yaml", TempWorkspace.Chain);
        TestKinds.Executions.Clear();
    }

    public void Dispose() => _ws.Dispose();

    /// <summary>The real identity for every kind except test.transform, whose library digest is replaced.</summary>
    private sealed class ChangedLibrary(string digest) : ICodeIdentity
    {
        private readonly AssemblyClosureIdentity _real = new();

        public IReadOnlyDictionary<string, string> Of(StageKind kind)
        {
            var identity = new SortedDictionary<string, string>(_real.Of(kind).ToDictionary(), StringComparer.Ordinal);
            if (kind.Name == "test.transform") identity["Radiogenomics.Statistics"] = digest;
            return identity;
        }
    }

    [Fact]
    public async Task ACodeChangeWithoutAVersionBumpRerunsTheKindsThatRunIt()
    {
        var before = new WorkflowEngine(_ws.Workspace, TestKinds.Registry(), codeIdentity: new ChangedLibrary(new string('a', 64)));
        var workflow = before.Load(Path.Combine(_ws.Root, "wf.yaml"));
        Assert.True((await before.RunAsync(workflow, new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken)).Succeeded);

        var after = new WorkflowEngine(_ws.Workspace, TestKinds.Registry(), codeIdentity: new ChangedLibrary(new string('b', 64)));
        var plan = after.Plan(after.Load(Path.Combine(_ws.Root, "wf.yaml")), []);
        var byId = plan.Stages.ToDictionary(s => s.StageId);
        Assert.Equal(StageStatus.Cached, byId["source"].Status);
        Assert.Equal(StageStatus.WillRun, byId["upper"].Status);
        Assert.Equal(["stage code changed (Radiogenomics.Statistics)"], byId["upper"].Reasons);
        // reverse runs test.transform too: it reruns on its own account, whatever upper's output turns out to be.
        Assert.Equal(StageStatus.WillRun, byId["reverse"].Status);
        Assert.Equal(["stage code changed (Radiogenomics.Statistics)"], byId["reverse"].Reasons);

        var report = await after.RunAsync(after.Load(Path.Combine(_ws.Root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(StageStatus.Executed, report["upper"].Status);
        Assert.Equal(StageStatus.Cached, report["constant"].Status); // same output from the new code: early cut-off
        Assert.Equal(["stage code changed (Radiogenomics.Statistics)"], report["reverse"].Reasons);
    }

    [Fact]
    public void TheRealIdentityIsTheAssemblyClosureBesideTheKindWithoutTheFramework()
    {
        var kind = new TestKinds.SourceKind(1);
        var identity = new AssemblyClosureIdentity().Of(kind);
        Assert.Contains("Radiogenomics.Engine.TestHost", identity.Keys);
        Assert.Contains("Radiogenomics.Engine", identity.Keys);
        Assert.Contains("YamlDotNet", identity.Keys);
        Assert.Equal(Environment.Version.ToString(), identity["runtime"]);
        Assert.DoesNotContain(identity.Keys, k => k.StartsWith("System", StringComparison.Ordinal));
        Assert.All(identity.Where(kv => kv.Key != "runtime"), kv => Assert.True(Sha256Hex.IsDigest(kv.Value)));
        Assert.Equal(identity, new AssemblyClosureIdentity().Of(new TestKinds.TransformKind(2))); // same assembly, same code
        Assert.Equal(AssemblyDigest.Of(typeof(WorkflowEngine).Assembly.Location), identity["Radiogenomics.Engine"]);
    }

    [Fact]
    public void NativeCodeIsPartOfTheIdentity()
    {
        string library = _ws.Write("native/libbridge.so", "version 1");
        var kind = new NativeKind(library);
        var first = new AssemblyClosureIdentity().Of(kind);
        Assert.Equal(Sha256Hex.OfFile(library), first["native:libbridge.so"]);
        _ws.Write("native/libbridge.so", "version 2");
        Assert.NotEqual(first["native:libbridge.so"], new AssemblyClosureIdentity().Of(kind)["native:libbridge.so"]);
    }

    private sealed class NativeKind(string library) : StageKind
    {
        public override string Name => "test.native";
        public override int Version => 1;
        public override string Summary => "Calls a native library.";
        public override IReadOnlyList<OutputSpec> Produces => [];
        public override IReadOnlyList<string> NativeCode => [library];
        public override Task RunAsync(StageContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private const string Library = """
        namespace Probe;
        public static class Model
        {
            // The slope's scale.
            public static double Slope(double x) => 2.0 * x;
        }
        """;

    [Fact]
    public void ACommentOnlyChangeKeepsTheDigestAndACodeChangeChangesIt()
    {
        var original = Compile("original", Library);
        // More lines and a different comment: the PDB (line numbers, source checksum) and with it the raw bytes change.
        var commented = Compile("commented", Library.Replace("// The slope's scale.", "// The slope's scale,\n    // as the reference computes it.\n"));
        var changed = Compile("changed", Library.Replace("2.0 * x", "3.0 * x"));

        Assert.NotEqual(Sha256Hex.OfFile(original), Sha256Hex.OfFile(commented));
        Assert.Equal(AssemblyDigest.Of(original), AssemblyDigest.Of(commented));
        Assert.NotEqual(AssemblyDigest.Of(original), AssemblyDigest.Of(changed));
    }

    /// <summary>Builds a library with the SDK's own C# compiler, deterministic and with a portable PDB as the solution builds.</summary>
    private string Compile(string name, string source)
    {
        string dir = Path.Combine(_ws.Root, name);
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, "Model.cs");
        File.WriteAllText(file, source);
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;   // …/shared/Microsoft.NETCore.App/<version>
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        string csc = Directory.GetFiles(Path.Combine(dotnetRoot, "sdk"), "csc.dll", SearchOption.AllDirectories)
            .Where(p => p.Contains("bincore", StringComparison.Ordinal)).OrderDescending().First();
        string output = Path.Combine(dir, "Probe.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        foreach (var a in new[] { csc, "-nologo", "-noconfig", "-nostdlib", "-deterministic", "-optimize+", "-debug:portable", "-target:library",
                     "-pathmap:" + dir + "=/src", $"-out:{output}", $"-r:{Path.Combine(runtime, "System.Private.CoreLib.dll")}",
                     $"-r:{Path.Combine(runtime, "System.Runtime.dll")}", file })
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        string log = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, log);
        return output;
    }
}
