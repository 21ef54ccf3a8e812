using System.Text;
using Radiogenomics.Engine.TestHost;
using Radiogenomics.Engine.Workflow;
using Radiogenomics.TestSupport;
using Xunit;

namespace Radiogenomics.Engine.Tests;

/// <summary>
/// Issue 19 item 7: 10,000 mutated workflow files (seeded, replayable by index) through the loader and the validator.
/// Every one either validates or fails with problems that carry the file and a line — never another exception.
/// </summary>
public sealed class WorkflowFuzzTests
{
    private static readonly string[] Seeds =
    [
        TempWorkspace.Chain,
        """
        workflow: flow
        description: "flow style, lists and anchors"
        external_roots: [../data]
        stages:
          - {id: source, uses: test.source, inputs: {data: [data/*.txt, data/b.txt]}, params: {alpha: 0.01, seed: 7}}
          - id: upper
            uses: test.transform
            needs: [source]
            device: cpu
            params: {op: reverse, sleep_ms: 0}
          - id: fail
            uses: test.fail
            needs: upper
        """,
        "workflow: w\nstages:\n  - id: a\n    uses: test.source\n    inputs:\n      data: data\n    params:\n      alpha: 1e-3\n      count: 3\n",
    ];

    private static readonly string[] Tokens =
    [
        "[", "]", "{", "}", ":", ": ", "- ", "-", "\n", "\n  ", "\n   ", "  ", "\t", "#", "&a ", "*a", "!!int ", "!!map ", "? ", "|", ">", "'", "\"",
        "~", "null", "0x1F", "1e999", "NaN", ".inf", ",", "%YAML 1.2\n", "---\n", "...\n", "<<: *a\n", "id", "uses", "needs", "params", "inputs",
        "stages", "workflow", "test.source", "source", "\u00e9", "\\u0000", "@", "`", "  - id: x\n    uses: test.transform\n    needs: [x]\n",
    ];

    [Fact]
    public void TenThousandMutatedWorkflowsGiveProblemsWithALineNeverACrash()
    {
        const int Runs = 10_000, Seed = 19;
        var mutator = new InputMutator(Seeds, Tokens);
        var registry = TestKinds.Registry();
        var crashes = new List<string>();
        int valid = 0, invalid = 0;
        for (int i = 0; i < Runs; i++)
        {
            string text = Encoding.UTF8.GetString(mutator.Generate(Seed, i)); // as File.ReadAllText decodes it
            try
            {
                var (definition, problems) = WorkflowLoader.Parse(text, "wf.yaml");
                if (definition is null) throw new WorkflowValidationException(problems);
                WorkflowValidator.Validate(definition, registry, problems);
                valid++;
            }
            catch (WorkflowValidationException e)
            {
                invalid++;
                if (e.Problems.Count == 0 || e.Problems.Any(p => p.Location.File != "wf.yaml" || p.Location.Line < 1 || p.Message.Length == 0))
                    crashes.Add($"input {i}: a problem without a file and line: {e.Message}");
            }
            catch (Exception e)
            {
                crashes.Add($"input {i} (seed {Seed}): {e.GetType().Name}: {e.Message}\n---\n{text}\n---");
            }
        }
        Assert.True(crashes.Count == 0, $"{crashes.Count} of {Runs} inputs crashed the loader; first:\n{string.Join("\n", crashes.Take(3))}");
        Assert.True(valid > 100 && invalid > 1000, $"the mutator should produce both kinds: {valid} valid, {invalid} invalid");
    }
}
