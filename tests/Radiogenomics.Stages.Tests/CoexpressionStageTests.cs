using Radiogenomics.Statistics;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// coexpression.modules through the engine on a small synthetic cohort: the soft-threshold table with one chosen power,
/// one module per network gene, unit-length eigengenes per patient, module–trait correlations equal to Pearson's test on
/// the written eigengenes, and a missing trait column named. (Each numeric step is golden-tested against WGCNA in
/// Statistics.Tests.)
/// </summary>
public sealed class CoexpressionStageTests : IDisposable
{
    private readonly StageWorkspace _workspace = new("rg-wgcna");

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task ModulesEigengenesAndTraitCorrelationsAreConsistent()
    {
        var report = await StageWorkspace.RunUncheckedAsync(_workspace.Root, """
            workflow: wgcna
            stages:
              - id: fetch
                uses: fetch.synthetic
                params: {preset: small, patients: 24, image_size: 64, max_slices: 8, seed: 12}

              - id: modules
                uses: coexpression.modules
                needs: [fetch]
                inputs: {features: fetch.patient_truth}
                params: {genes: 300, min_module_size: 10, traits: [program_stromal, program_immune, diameter_mm]}

              - id: bad
                uses: coexpression.modules
                needs: [fetch]
                inputs: {features: fetch.patient_truth}
                params: {genes: 300, traits: [no_such_trait]}

            """, TestContext.Current.CancellationToken);
        Assert.True(report["modules"].Error is null, report["modules"].Error);

        var soft = _workspace.Output(report, "modules", "soft_threshold");
        Assert.Equal(15, soft.RowCount);
        Assert.Single(soft.GetBools("chosen"), c => c);
        var modules = _workspace.Output(report, "modules", "modules");
        Assert.Equal(300, modules.RowCount);
        var labels = modules.GetInt32s("module");
        var eigengenes = _workspace.Output(report, "modules", "eigengenes");
        Assert.Equal(24, eigengenes.RowCount);
        Assert.Equal(labels.Distinct().Order().Select(m => $"ME{m}"), eigengenes.ColumnNames.Skip(1));
        foreach (var name in eigengenes.ColumnNames.Skip(1))
            Assert.Equal(1.0, eigengenes.GetDoubles(name).Sum(v => v * v), 9);

        var truth = _workspace.Output(report, "fetch", "patient_truth");
        var truthIds = truth.GetStrings("patient_id");
        var patients = eigengenes.GetStrings("patient_id");
        var trait = truth.GetNullableDoubles("program_stromal");
        var y = patients.Select(p => trait[Array.IndexOf(truthIds, p)]!.Value).ToArray();
        var moduleTrait = _workspace.Output(report, "modules", "module_trait");
        Assert.Equal((eigengenes.ColumnCount - 1) * 3, moduleTrait.RowCount);
        for (int i = 0; i < moduleTrait.RowCount; i++)
        {
            if (moduleTrait.GetStrings("trait")[i] != "program_stromal") continue;
            var expected = PearsonCorrelation.Test(eigengenes.GetDoubles(moduleTrait.GetStrings("eigengene")[i]!), y);
            Assert.Equal(expected.Estimate, moduleTrait.GetNullableDoubles("r")[i]!.Value, 12);
            Assert.Equal(expected.PValue, moduleTrait.GetNullableDoubles("p")[i]!.Value, 12);
        }
        Assert.True(new FileInfo(_workspace.OutputPath(report, "modules", "module_trait_heatmap")).Length > 1000);

        Assert.NotNull(report["bad"].Error);
        Assert.Contains("column 'no_such_trait'", report["bad"].Error);
    }
}
