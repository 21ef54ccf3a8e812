using Radiogenomics.Engine.Stages;
using Radiogenomics.Engine.TestHost;
using Radiogenomics.Engine.Workflow;
using Xunit;

namespace Radiogenomics.Engine.Tests;

public class WorkflowValidationTests
{
    private static WorkflowValidationException Invalid(string yaml)
    {
        var (wf, problems) = WorkflowLoader.Parse(yaml, "wf.yaml");
        if (wf is null) return new WorkflowValidationException(problems);
        return Assert.Throws<WorkflowValidationException>(() => WorkflowValidator.Validate(wf, TestKinds.Registry(), problems));
    }

    [Fact]
    public void UnknownKindIsReportedWithLocationAndSuggestion()
    {
        var e = Invalid("workflow: w\nstages:\n  - id: a\n    uses: test.sorce\n    inputs: {data: x}\n");
        var p = Assert.Single(e.Problems);
        Assert.Equal(new SourceLocation("wf.yaml", 4, 11), p.Location);
        Assert.Contains("unknown stage kind 'test.sorce' (did you mean 'test.source'?)", p.Message);
        Assert.StartsWith("wf.yaml:4:11: ", p.ToString());
    }

    [Fact]
    public void UnknownParameterSuggestsTheClosestName()
    {
        var e = Invalid("workflow: w\nstages:\n  - id: a\n    uses: test.source\n    inputs: {data: x}\n    params:\n      alpah: 0.1\n");
        var p = Assert.Single(e.Problems);
        Assert.Equal(7, p.Location.Line);
        Assert.Contains("has no parameter 'alpah' (did you mean 'alpha'?)", p.Message);
    }

    [Theory]
    [InlineData("count: abc", "parameter 'count' of stage 'a' must be an integer, got abc")]
    [InlineData("count: \"3\"", "must be an integer, got \"3\"")]
    [InlineData("count: -1", "must be ≥ 0, got -1")]
    [InlineData("alpha: [1, 2]", "must be a number")]
    [InlineData("flag: yes", "must be a boolean, got yes (true or false)")]
    [InlineData("mode: exakt", "must be one of fast|exact, got exakt (did you mean 'exact'?)")]
    public void WrongTypesAreReported(string param, string expected)
    {
        var e = Invalid($"workflow: w\nstages:\n  - id: a\n    uses: test.source\n    inputs: {{data: x}}\n    params:\n      {param}\n");
        Assert.Contains(expected, Assert.Single(e.Problems).Message);
    }

    [Fact]
    public void MissingNeedsTargetAndDuplicateIdAndCycleAreAllReportedAtOnce()
    {
        var e = Invalid("""
            workflow: w
            stages:
              - id: a
                uses: test.transform
                needs: [c]
              - id: b
                uses: test.transform
                needs: [a, nope]
              - id: c
                uses: test.transform
                needs: [b]
              - id: b
                uses: test.source
                inputs: {data: x}
            """);
        var messages = e.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(messages, m => m.Contains("duplicate stage id 'b' (first defined at wf.yaml:6:5)"));
        Assert.Contains(messages, m => m.Contains("needs 'nope', which is not a stage of this workflow"));
        Assert.Contains(messages, m => m.Contains("the stages form a cycle: a → needs → c → needs → b → needs → a"));
    }

    [Fact]
    public void InputsConsumedTablesAndDevicesAreChecked()
    {
        var e = Invalid("""
            workflow: w
            stages:
              - id: src
                uses: test.source
                inputs: {dta: x}
              - id: t
                uses: test.transform
                needs: [k]
                inputs: {data: y}
                device: gpu
              - id: k
                uses: test.constant
                needs: [src]
            """);
        var messages = e.Problems.Select(p => p.Message).ToList();
        Assert.Contains(messages, m => m.Contains("has no input 'dta' (did you mean 'data'?)"));
        Assert.Contains(messages, m => m.Contains("needs input 'data'"));
        Assert.Contains(messages, m => m.Contains("'inputs' belongs on source stages"));
        Assert.Contains(messages, m => m.Contains("runs on the CPU only"));
        Assert.DoesNotContain(messages, m => m.Contains("reads a 'table' table"));
    }

    [Fact]
    public void ConsumedTableMustComeFromANeed()
    {
        var e = Invalid("workflow: w\nstages:\n  - id: t\n    uses: test.transform\n");
        Assert.Contains("reads a 'table' table, but none of its needs [] produces one", Assert.Single(e.Problems).Message);
    }

    [Fact]
    public void YamlSyntaxErrorsHaveALocation()
    {
        var (wf, problems) = WorkflowLoader.Parse("workflow: w\nstages:\n  - id: a\n   uses: [\n", "bad.yaml");
        Assert.Null(wf);
        var p = Assert.Single(problems);
        Assert.Contains("YAML syntax error", p.Message);
        Assert.True(p.Location.Line >= 3);
    }

    [Fact]
    public void UnknownKeysAreRejected()
    {
        var e = Invalid("workflow: w\nstages:\n  - id: a\n    uses: test.source\n    input: {data: x}\n");
        Assert.Contains(e.Problems, p => p.Message.Contains("unknown stage key 'input' (did you mean 'inputs'?)"));
    }

    [Fact]
    public void ValidWorkflowBindsTypedParametersAndOrdersStages()
    {
        var (wf, problems) = WorkflowLoader.Parse(TempWorkspace.Chain, "chain.yaml");
        var valid = WorkflowValidator.Validate(wf!, TestKinds.Registry(), problems);
        Assert.Equal(["source", "upper", "constant", "reverse"], valid.Stages.Select(s => s.Id));
        Assert.Equal(0.05, valid["source"].Parameters.GetNumber("alpha"));
        Assert.Equal(3L, valid["source"].Parameters.GetInteger("count"));
        Assert.Equal("reverse", valid.Resolve("Reverse").Id);
        Assert.Equal(["source", "upper"], valid.Closure(["upper"]).Select(s => s.Id));
        var missing = Assert.Throws<KeyNotFoundException>(() => valid.Resolve("revrse"));
        Assert.Contains("did you mean 'reverse'?", missing.Message);
    }

    [Theory]
    [InlineData("associate", "Associate")]
    [InlineData("deep-features", "DeepFeatures")]
    [InlineData("survive_cox", "SurviveCox")]
    public void TaskNamesArePascalCase(string id, string task) => Assert.Equal(task, StageNames.ToTaskName(id));

    [Fact]
    public void ParameterDescriptionsAreAvailableForDescribe()
    {
        var kind = TestKinds.Registry().Get("test.source");
        var mode = kind.Parameters.Single(p => p.Name == "mode");
        Assert.Equal("one of fast|exact", mode.TypeName);
        Assert.Equal("fast", mode.DefaultText);
        Assert.True(kind.Parameters.Single(p => p.Name == "seed").IsSeed);
        Assert.Contains("did you mean 'test.source'", Assert.Throws<KeyNotFoundException>(() => TestKinds.Registry().Get("test.surce")).Message);
    }
}
