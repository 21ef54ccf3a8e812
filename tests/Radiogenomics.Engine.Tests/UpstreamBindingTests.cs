using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.TestHost;
using Radiogenomics.Engine.Workflow;
using Xunit;

namespace Radiogenomics.Engine.Tests;

/// <summary>Which upstream output feeds which input: explicit <c>inputs:</c> bindings, and ambiguity as a validation error.</summary>
[Collection("executions")]
public class UpstreamBindingTests : IDisposable
{
    private readonly TempWorkspace _ws = new();

    public UpstreamBindingTests()
    {
        _ws.Write("data/a.txt", "alpha");
        _ws.Write("data/b.txt", "beta");
    }

    public void Dispose() => _ws.Dispose();

    private const string TwoSources = """
        workflow: bind
        stages:
          - id: first
            uses: test.source
            inputs: {data: data/a.txt}
            params: {prefix: one}
          - id: second
            uses: test.source
            inputs: {data: data/b.txt}
            params: {prefix: two}
          - id: upper
            uses: test.transform
            needs: [first, second]
        """;

    private static WorkflowValidationException Invalid(string yaml)
    {
        var (wf, problems) = WorkflowLoader.Parse(yaml, "wf.yaml");
        Assert.NotNull(wf);
        return Assert.Throws<WorkflowValidationException>(() => WorkflowValidator.Validate(wf, TestKinds.Registry(), problems));
    }

    [Fact]
    public void TwoNeedsProducingTheSameTableIsAnErrorThatSaysHowToChoose()
    {
        var p = Assert.Single(Invalid(TwoSources).Problems);
        Assert.Contains("stage 'upper' (test.transform) reads a 'table' table, which first and second both produce; say which under inputs, e.g. inputs: {table: first.table}", p.Message);
    }

    [Fact]
    public void AKindThatDeclaresNoTablesIsAmbiguousToo()
    {
        var e = Invalid(TwoSources.Replace("uses: test.transform", "uses: test.constant"));
        Assert.Contains("reads a 'table' table, which first and second both produce", Assert.Single(e.Problems).Message);
    }

    [Fact]
    public async Task AnExplicitBindingChoosesTheNeed()
    {
        _ws.Write("wf.yaml", TwoSources + "\n    inputs: {table: second.table}\n");
        var engine = _ws.Engine();
        var workflow = engine.Load(Path.Combine(_ws.Root, "wf.yaml"));
        Assert.Equal([new UpstreamBinding("table", "second", "table")], workflow["upper"].Bindings);
        var report = await engine.RunAsync(workflow, new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded);
        Assert.StartsWith("TWO\n", File.ReadAllText(engine.Store.PathOf(report["upper"].Record!.Outputs["result"].Sha256)));
    }

    [Fact]
    public async Task ABindingMayReadAnOutputUnderAnotherName()
    {
        _ws.Write("wf.yaml", """
            workflow: rename
            stages:
              - id: source
                uses: test.source
                inputs: {data: data/a.txt}
              - id: upper
                uses: test.transform
                needs: [source]
              - id: again
                uses: test.transform
                needs: [upper]
                inputs: {table: upper.result}
                params: {op: reverse}
            """);
        var engine = _ws.Engine();
        var report = await engine.RunAsync(engine.Load(Path.Combine(_ws.Root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => s.Error)));
        var upstream = Assert.Single(report["again"].Record!.Components.Upstream);
        Assert.Equal(("upper", "result", "table"), (upstream.Stage, upstream.Output, upstream.Name));
        string upper = File.ReadAllText(engine.Store.PathOf(report["upper"].Record!.Outputs["result"].Sha256));
        Assert.Equal(new string(upper.Reverse().ToArray()), File.ReadAllText(engine.Store.PathOf(report["again"].Record!.Outputs["result"].Sha256)));
    }

    [Theory]
    [InlineData("{table: third.table}", "input 'table' is bound to 'third.table', but 'third' is not among its needs [first, second]; add it to 'needs'")]
    [InlineData("{table: second.tabel}", "second (test.source) has no output 'tabel' (did you mean 'table'?)")]
    [InlineData("{table: second}", "input 'table' reads an upstream table, written as <stage>.<output>")]
    [InlineData("{tabel: second.table}", "has no input 'tabel' (did you mean 'table'?)")]
    public void ABadBindingSaysWhatIsWrong(string inputs, string expected)
    {
        var e = Invalid(TwoSources + $"\n    inputs: {inputs}\n");
        Assert.Contains(e.Problems, p => p.Message.Contains(expected));
    }
}
