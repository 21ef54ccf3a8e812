using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Workflow;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// Every study workflow in workflows/ end to end through the engine, on a small synthetic cohort: the file's own stages,
/// bindings and parameters, with only the sizes shrunk (<see cref="StudyWorkflowRunner"/>): fewer patients with small
/// images, fewer epochs, trees and permutations. Each test checks the study's key tables exist and hold sane values.
/// The tests share one workspace, so the cohort and the stages that workflows share run once.
/// </summary>
public sealed class StudyWorkflowTests(StudyWorkflowRunner runner) : IClassFixture<StudyWorkflowRunner>
{
    [Fact]
    public async Task LiuHu2023SyntheticTwinRunsAssociationsAndClassifiers()
    {
        var run = await runner.RunAsync("liu-hu-2023-synthetic.yaml", TestContext.Current.CancellationToken);

        var genomic = run.Output("genomics", "genomic");
        var associations = run.Output("associate", "associations");
        Assert.Equal(4096L * (genomic.ColumnCount - 1), associations.RowCount);
        AssertProbabilities(associations.GetNullableDoubles("p"));
        Assert.True(run.Output("evaluate", "properties").RowCount > 0);

        var auc = run.Output("classifiers", "auc");
        var models = auc.GetStrings("model");
        foreach (var model in new[] { "t_stage", "node", "er", "pr", "ror_top_quartile", "immune_top_quartile" })
            Assert.Contains(models, m => m == model);
        AssertAucs(auc);
        // The top-quartile labels are computed in each training fold: about a quarter of the patients are cases.
        var cases = auc.GetInt32s("n_cases");
        var controls = auc.GetInt32s("n_controls");
        int immune = Array.IndexOf(models, "immune_top_quartile");
        Assert.InRange((double)cases[immune] / (cases[immune] + controls[immune]), 0.1, 0.45);
    }

    [Fact]
    public async Task Liu2024LnmRunsSignaturesForestsNomogramModulesAndPathways()
    {
        var run = await runner.RunAsync("liu-2024-lnm.yaml", TestContext.Current.CancellationToken);

        var auc = run.Output("evaluate", "auc");
        var models = auc.GetStrings("model");
        foreach (var model in new[] { "radiomics_score", "deep_score", "nomogram" })
        {
            Assert.Contains(models, m => m == model);
            Assert.Contains(models, m => m!.StartsWith(model, StringComparison.Ordinal) && m.Contains("validation", StringComparison.Ordinal));
        }
        Assert.Contains(models, m => m == "radiomics_forest");
        Assert.Contains(models, m => m == "deep_forest");
        AssertAucs(auc);
        Assert.True(run.Output("evaluate", "comparisons").RowCount > 0);
        Assert.True(run.Output("evaluate", "decision_curve").RowCount > 0);
        Assert.All(run.Output("nomogram", "coefficients").GetDoubles("estimate"), e => Assert.True(double.IsFinite(e)));

        // WGCNA eigengenes of the expression against the deep signature, and GSVA pathways against it.
        var trait = run.Output("modules", "module_trait");
        Assert.True(trait.RowCount > 0);
        Assert.All(trait.GetStrings("trait"), t => Assert.Equal("score", t));
        Assert.All(trait.GetDoubles("r"), r => Assert.InRange(r, -1, 1));
        var pathways = run.Output("pathways", "associations");
        Assert.Equal(run.Output("gsva", "genomic").ColumnCount - 1, pathways.RowCount);
        Assert.All(pathways.GetStrings("feature"), f => Assert.Equal("score", f));
        Assert.All(pathways.GetNullableDoubles("estimate"), r => Assert.InRange(r!.Value, -1, 1));
        AssertProbabilities(pathways.GetNullableDoubles("q"));
    }

    [Fact]
    public async Task Yu2024RfsRunsDeepSurvRiskGroupsScreensAndCorrelations()
    {
        var run = await runner.RunAsync("yu-2024-rfs.yaml", TestContext.Current.CancellationToken);

        var radiomics = run.Output("radiomics", "features");
        Assert.Contains(radiomics.ColumnNames, c => c.Contains("tumour", StringComparison.Ordinal) && c.Contains("wavelet-LLH", StringComparison.Ordinal));
        Assert.Contains(radiomics.ColumnNames, c => c.Contains("peritumoral", StringComparison.Ordinal) && c.Contains("original_glcm", StringComparison.Ordinal));

        var predictions = run.Output("deepsurv", "predictions");
        Assert.Equal(StudyWorkflowRunner.Patients, predictions.RowCount);
        Assert.All(predictions.GetDoubles("risk"), r => Assert.True(double.IsFinite(r)));
        var logrank = run.Output("groups", "logrank");
        AssertProbabilities(logrank.GetNullableDoubles("p"));
        Assert.Equal(2, run.Output("groups", "logrank_groups").RowCount);
        Assert.Equal(2, run.Output("groups_cv", "logrank_groups").RowCount);
        var tdAuc = run.Output("evaluate", "td_auc");
        Assert.Equal([365.0, 730.0, 1095.0], tdAuc.GetDoubles("time").Distinct().Order().ToArray());
        Assert.True(run.Output("lasso_evaluate", "concordance").RowCount > 0);

        // The lncRNA screen: one row per expressed lncRNA (the synthetic cohort's null genes), BH over them.
        var screen = run.Output("lncrna", "screen");
        var lncrnaGenes = run.Output("lncrna_genes", "genomic_features");
        int genes = lncrnaGenes.GetStrings("source").Count(s => s == "gene_type lncRNA");
        Assert.True(genes > 100, $"{genes} lncRNA features");
        Assert.Equal(lncrnaGenes.RowCount, screen.RowCount); // every genomic feature screened once
        AssertProbabilities(screen.GetNullableDoubles("q"));
        Assert.Contains(run.Output("lncrna_genes", "genomic_features").GetStrings("source"), s => s == "gene_type lncRNA");

        var immune = run.Output("immune", "associations");
        Assert.Equal(run.Output("genomics", "genomic").ColumnCount - 1, immune.RowCount);
        Assert.Contains(immune.GetStrings("genomic_feature"), g => g == "SYN_CYTOTOXIC_T_CELL");
        Assert.All(immune.GetStrings("feature"), f => Assert.Equal("risk", f));
        AssertProbabilities(immune.GetNullableDoubles("p"));
        Assert.True(double.IsFinite(run.Output("planted", "coefficients").GetDoubles("hr")[0]));
    }

    [Fact]
    public async Task SmedleyHsu2018ComparesNetworkWithBaselinesOnTheSameGenesAndFolds()
    {
        var run = await runner.RunAsync("smedley-hsu-2018.yaml", TestContext.Current.CancellationToken);

        var metrics = run.Output("compare", "metrics");
        var models = metrics.GetStrings("model").Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["elastic_net", "linear", "net", "training_mean"], models);
        int targets = run.Output("radiomics", "features").ColumnCount - 2;
        Assert.Equal(4 * targets, metrics.RowCount);
        Assert.All(metrics.GetDoubles("mae"), m => Assert.True(m >= 0 && double.IsFinite(m)));
        var comparisons = run.Output("compare", "comparisons");
        Assert.All(comparisons.GetStrings("reference"), r => Assert.Equal("net", r));
        Assert.Equal(3 * targets, comparisons.RowCount); // the network against the elastic net, OLS and the training mean
        AssertProbabilities(comparisons.GetNullableDoubles("p_bonferroni"));

        // Same patients in the same folds for the network and the baselines: a paired comparison.
        Dictionary<string, int> Folds(string stage)
        {
            var t = run.Output(stage, "predictions");
            return t.GetStrings("patient_id").Zip(t.GetInt32s("fold")).DistinctBy(x => x.First).ToDictionary(x => x.First!, x => x.Second);
        }
        var net = Folds("net");
        Assert.Equal(net, Folds("elastic_net"));
        Assert.Equal(net, Folds("linear"));
    }

    [Fact]
    public void RealDataWorkflowValidatesAgainstTheStageCatalogue()
    {
        // liu-hu-2023.yaml needs TCIA and GDC: it cannot run here, but its stages, bindings and parameters must be valid.
        var workflow = WorkflowValidator.Load(Path.Combine(RepositoryPaths.Root, "workflows", "liu-hu-2023.yaml"), StageCatalog.CreateRegistry());
        Assert.Equal("fetch.tcia", workflow["fetch"].Definition.Uses);
        Assert.Equal("fetch.gdc", workflow["expression"].Definition.Uses);
    }

    private static void AssertAucs(Table auc)
    {
        var value = auc.GetDoubles("auc");
        var lower = auc.GetNullableDoubles("ci_lower");
        var upper = auc.GetNullableDoubles("ci_upper");
        for (int i = 0; i < value.Length; i++)
        {
            Assert.InRange(value[i], 0, 1);
            Assert.True(lower[i] <= value[i] && value[i] <= upper[i], $"row {i}: AUC {value[i]} outside its CI {lower[i]}–{upper[i]}");
        }
    }

    private static void AssertProbabilities(double?[] values)
    {
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.InRange(v!.Value, 0, 1));
    }
}
