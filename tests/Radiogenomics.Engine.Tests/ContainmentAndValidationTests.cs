using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.TestHost;
using Radiogenomics.Engine.Workflow;
using Xunit;

namespace Radiogenomics.Engine.Tests;

/// <summary>Issue 19 items 5 and 6: inputs stay inside the workspace (or a declared external root); malformed workflows are problems with a line.</summary>
[Collection("executions")]
public sealed class ContainmentAndValidationTests : IDisposable
{
    private readonly TempWorkspace _ws = new();
    private readonly string _outside = Path.Combine(Path.GetTempPath(), "rg-outside-" + Guid.NewGuid().ToString("N")[..10]);

    public ContainmentAndValidationTests()
    {
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "feat.csv"), "secret");
        _ws.Write("data/a.txt", "alpha");
    }

    public void Dispose()
    {
        _ws.Dispose();
        try { Directory.Delete(_outside, recursive: true); } catch (IOException) { }
    }

    private string Workflow(string input, string extra = "") => $"""
        workflow: contained
        {extra}
        stages:
          - id: source
            uses: test.source
            inputs:
              data: {input}
        """;

    private RunPlan Plan(string yaml)
    {
        _ws.Write("wf.yaml", yaml);
        var engine = _ws.Engine();
        return engine.Plan(engine.Load(Path.Combine(_ws.Root, "wf.yaml")), []);
    }

    [Theory]
    [InlineData("../{outside}/feat.csv")]
    [InlineData("{outside}/feat.csv")]
    [InlineData("/etc/passwd")]
    [InlineData("/etc/*.conf")]
    public void AnInputOutsideTheWorkspaceIsRefusedWithItsLine(string pattern)
    {
        string input = pattern.Replace("{outside}", pattern.StartsWith("..") ? Path.GetRelativePath(_ws.Root, _outside) : _outside);
        if (pattern.StartsWith("..")) input = Path.GetRelativePath(_ws.Root, Path.Combine(_outside, "feat.csv"));
        var e = Assert.Throws<EngineException>(() => Plan(Workflow(input)));
        Assert.Contains("wf.yaml:7:", e.Message);
        Assert.Contains("outside the workspace", e.Message);
        Assert.Contains("external_roots", e.Message); // says how to allow it
    }

    [Fact]
    public void ADeclaredExternalRootMayBeRead()
    {
        var plan = Plan(Workflow(Path.Combine(_outside, "feat.csv"), $"external_roots: [{_outside}]"));
        Assert.Equal(StageStatus.WillRun, Assert.Single(plan.Stages).Status);
    }

    [Fact]
    public void ASymlinkLeavingTheWorkspaceIsAnErrorNamingTheLink()
    {
        File.CreateSymbolicLink(Path.Combine(_ws.Root, "data", "b.txt"), Path.Combine(_outside, "feat.csv"));
        var e = Assert.Throws<EngineException>(() => Plan(Workflow("data")));
        Assert.Contains($"the symbolic link {Path.Combine(_ws.Root, "data", "b.txt")} points outside", e.Message);

        File.Delete(Path.Combine(_ws.Root, "data", "b.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_ws.Root, "data", "etc"), "/etc"); // the hasher used to walk /etc
        e = Assert.Throws<EngineException>(() => Plan(Workflow("data/**/*.txt")));
        Assert.Contains($"the symbolic link {Path.Combine(_ws.Root, "data", "etc")} points outside", e.Message);

        Directory.Delete(Path.Combine(_ws.Root, "data", "etc"));
        Directory.CreateSymbolicLink(Path.Combine(_ws.Root, "linked"), Path.Combine(_ws.Root, "data")); // inside: fine
        Assert.Equal(StageStatus.WillRun, Assert.Single(Plan(Workflow("linked")).Stages).Status);
    }

    private static WorkflowValidationException Invalid(string yaml)
    {
        var (wf, problems) = WorkflowLoader.Parse(yaml, "wf.yaml");
        if (wf is null) return new WorkflowValidationException(problems);
        return Assert.Throws<WorkflowValidationException>(() => WorkflowValidator.Validate(wf, TestKinds.Registry(), problems));
    }

    [Fact]
    public void AnUnclosedBracketThenAMisIndentedLineIsASyntaxErrorWithALine()
    {
        // Found by the fuzzer (WorkflowFuzzTests, seed 19, input 93): YamlDotNet threw InvalidOperationException without a position.
        var e = Invalid("""
            workflow: chain
            stages:
              - id: source
                uses: test.source
                inputs:
                  data: data/*.txt
                params:
                  alpha: 0.05
              - id: upper
                uses: test.transform
                needs: [sourceuses: constant
                uses: test.constanter
              - id: rev
            erse
                uses: test.transform
                needs: [constant]
                params:
                  op: reverse
            """);
        var p = Assert.Single(e.Problems);
        Assert.Contains("YAML syntax error", p.Message);
        Assert.True(p.Location.Line >= 1);
        Assert.StartsWith("wf.yaml:", p.ToString());
    }

    [Theory]
    [InlineData("workflow: w\nstages: 5\n", "'stages' is a list of stages")]
    [InlineData("workflow: w\nstages: []\n", "'stages' is empty")]
    [InlineData("workflow: ..\nstages:\n  - id: a\n    uses: test.source\n    inputs: {data: data}\n", "workflow name '..' is not usable")]
    [InlineData("workflow: w\nstages:\n  - id: a\n    uses: test.source\n    ? [x, y]\n    : 1\n", "a key must be a plain name")]
    public void AWorkflowWithNoUsableStagesOrNameIsInvalid(string yaml, string message)
    {
        var e = Invalid(yaml);
        Assert.Contains(e.Problems, p => p.Message.Contains(message) && p.Location.Line > 0);
    }
}
