using System.Text.Json;
using Xunit;

namespace Radiogenomics.Cli.Tests;

/// <summary>Issue 19 item 8: rg query sees only its workflow's stages, says which workflow, and writes CSV or JSON without ANSI codes.</summary>
public sealed class QueryTests : IDisposable
{
    private readonly CliWorkspace _ws = new();

    public QueryTests()
    {
        _ws.Write("a.yaml", """
            workflow: study-a
            stages:
              - id: tables
                uses: fetch.tables
                inputs:
                  features: data/features.csv
                  genomics: data/gene.tsv
            """);
        _ws.Write("b.yaml", """
            workflow: study-b
            stages:
              - id: tables
                uses: fetch.tables
                inputs:
                  features: data/features.csv
                  genomics: data/gene.tsv
            """);
    }

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void AViewBelongsToItsWorkflowAndCsvAndJsonArePlain()
    {
        var run = _ws.Rg("-w", "a.yaml", "run");
        Assert.True(run.ExitCode == 0, run.Out + run.Error);

        var a = _ws.Rg("-w", "a.yaml", "query", "select count(*) as n from tables_features", "--format", "csv");
        Assert.Equal(0, a.ExitCode);
        Assert.Equal("n\n242\n", a.Out);

        // The same stage id in another workflow that never ran: no view borrowed from study-a.
        var b = _ws.Rg("-w", "b.yaml", "query", "select count(*) from tables_features");
        Assert.Equal(1, b.ExitCode);
        Assert.Contains("workflow 'study-b'", b.Error);
        Assert.Contains("has no cached stage outputs yet", b.Error);

        var json = _ws.Rg("-w", "a.yaml", "query", "select image_id, fea_0001 from tables_features order by image_id limit 2", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        var rows = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal("TCGA-EX-0001-img01", rows[0].GetProperty("image_id").GetString());
        Assert.Equal(10.227728, rows[0].GetProperty("fea_0001").GetDouble(), 6);

        var table = _ws.Rg("-w", "a.yaml", "query", "select count(*) as n from tables_features");
        Assert.Contains("workflow study-a", table.Out);
        foreach (var output in new[] { a, json, table, run }) Assert.DoesNotContain('\u001b', output.Out + output.Error); // piped: no ANSI codes
    }
}
