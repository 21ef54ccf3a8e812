using System.Globalization;
using System.Text;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// fetch.tables takes an expression matrix (#19 item 13): it writes the same <c>expression</c> table as fetch.local
/// does from the same matrix, and genomics.features runs on it.
/// </summary>
public sealed class FetchTablesExpressionTests : IDisposable
{
    private readonly StageWorkspace _workspace = new("rg-tables-expr");

    public void Dispose() => _workspace.Dispose();

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(_workspace.Root, name), content);

    [Fact]
    public async Task AnExpressionMatrixReachesGenomicsFeaturesAsFetchLocalWouldWriteIt()
    {
        string[] patients = ["P01", "P02", "P03", "P04", "P05", "P06"];
        var features = new StringBuilder("image_id,patient_id,f1\n");
        foreach (var p in patients) features.Append(CultureInfo.InvariantCulture, $"{p}_a,{p},{p[^1] * 0.5}\n");
        Write("features.csv", features.ToString());
        Write("genes.tsv", "patient_id\tscore\n" + string.Join("", patients.Select((p, i) => $"{p}\t{i}\n")));
        var matrix = new StringBuilder("gene\t" + string.Join("\t", patients) + "\n");
        for (int g = 1; g <= 30; g++)
            matrix.Append($"GENE{g:00}\t").AppendJoin('\t', patients.Select((_, s) => (100 + 37 * g + (g * 11 + s * 29) % 53).ToString(CultureInfo.InvariantCulture))).Append('\n');
        Write("expression.tsv", matrix.ToString());
        Write("panel.txt", "GENE01\nGENE02\n");

        var report = await _workspace.RunAsync("""
            workflow: tables-expression
            stages:
              - id: tables
                uses: fetch.tables
                inputs: {features: features.csv, genomics: genes.tsv, expression: expression.tsv}
              - id: local
                uses: fetch.local
                inputs: {expression: expression.tsv}
              - id: genomics
                uses: genomics.features
                needs: [tables]
                inputs: {gene_panel: panel.txt}
                params: {signatures: false}
            """, TestContext.Current.CancellationToken);

        var fromTables = _workspace.Output(report, "tables", "expression");
        var fromLocal = _workspace.Output(report, "local", "expression");
        Assert.Equal(fromLocal.ColumnNames, fromTables.ColumnNames);
        Assert.Equal(["gene_id", "gene_name", "gene_type", .. patients], fromTables.ColumnNames);
        foreach (var p in patients) Assert.Equal(fromLocal.GetNullableDoubles(p), fromTables.GetNullableDoubles(p));
        Assert.Equal(6, _workspace.Output(report, "tables", "expression_samples").RowCount);
        var genomic = _workspace.Output(report, "genomics", "genomic");
        Assert.Contains("GENE01", genomic.ColumnNames);
        Assert.Equal(patients, genomic.GetStrings("patient_id"));
    }

    [Fact]
    public async Task WithoutAMatrixTheExpressionTableHasNoPatients()
    {
        Write("features.csv", "image_id,patient_id,f1\na,P1,1\nb,P2,2\n");
        Write("genes.tsv", "patient_id\tscore\nP1\t1\nP2\t2\n");
        var report = await _workspace.RunAsync("""
            workflow: tables-only
            stages:
              - id: tables
                uses: fetch.tables
                inputs: {features: features.csv, genomics: genes.tsv}
            """, TestContext.Current.CancellationToken);
        Assert.Equal(["gene_id", "gene_name", "gene_type"], _workspace.Output(report, "tables", "expression").ColumnNames);
    }
}
