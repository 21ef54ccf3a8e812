namespace Radiogenomics.Genomics.Tests;

/// <summary>
/// Parity with limma 3.54.1 (Debian r-bioc-limma) lmFit + eBayes + topTable on golden/limma:
/// "hetero" (800 genes, 7 vs 5, finite d₀), "homo" (300 genes, 4 vs 4, equal residual variances → d₀ = ∞) and
/// "missing" (400 genes, 6 vs 6, 60 genes with NAs, one with zero residual df).
/// </summary>
public class LimmaParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-6;

    /// <summary>robust = TRUE reaches ~3e-12 (the same uniroot iterates as R); 1e-9 leaves room for the platform's libm.</summary>
    private const double RobustTolerance = 1e-9;

    [Theory]
    [InlineData("hetero")]
    [InlineData("homo")]
    [InlineData("missing")]
    public void EBayesMatchesLimma(string name)
    {
        var (fit, eb) = Run(name);
        var hyper = Golden.Records($"limma/{name}_hyper.csv").ToDictionary(r => r["key"], r => Golden.Number(r["value"]));
        var report = new ParityReport($"limma {name}");
        if (double.IsPositiveInfinity(hyper["df_prior"])) Assert.True(double.IsPositiveInfinity(eb.DfPrior));
        else report.Add(hyper["df_prior"], eb.DfPrior, "df.prior");
        report.Add(hyper["s2_prior"], eb.S2Prior[0], "s2.prior");
        Assert.All(eb.S2Prior, v => Assert.Equal(eb.S2Prior[0], v));
        report.Add(hyper["var_prior_group"], eb.VarPrior[1], "var.prior[2]");

        var rows = Golden.Records($"limma/{name}_fit.csv");
        Assert.Equal(rows.Count, fit.GeneCount);
        for (int g = 0; g < rows.Count; g++)
        {
            var r = rows[g];
            Assert.Equal(r["gene"], fit.Genes[g]);
            string at = r["gene"];
            report.Add(Golden.Number(r["coef_intercept"]), fit.Coefficient(g, 0), at + " coef[1]");
            report.Add(Golden.Number(r["coef_group"]), fit.Coefficient(g, 1), at + " coef[2]");
            report.Add(Golden.Number(r["stdev_unscaled_group"]), fit.StdevUnscaled(g, 1), at + " stdev.unscaled");
            report.Add(Golden.Number(r["sigma"]), fit.Sigma[g], at + " sigma");
            report.Add(Golden.Number(r["df_residual"]), fit.DfResidual[g], at + " df.residual");
            report.Add(Golden.Number(r["amean"]), fit.Amean[g], at + " Amean");
            report.Add(Golden.Number(r["s2_post"]), eb.S2Post[g], at + " s2.post");
            report.Add(Golden.Number(r["df_total"]), eb.DfTotal[g], at + " df.total");
            report.Add(Golden.Number(r["t"]), eb.T(g, 1), at + " t");
            report.Add(Golden.Number(r["p_value"]), eb.PValue(g, 1), at + " p");
            report.Add(Golden.Number(r["lods"]), eb.B(g, 1), at + " B");
        }
        report.AssertWithin(Tolerance, output);
    }

    [Theory]
    [InlineData("hetero")]
    [InlineData("homo")]
    [InlineData("missing")]
    public void TopTableOrderMatchesLimma(string name)
    {
        var (_, eb) = Run(name);
        var table = TopTable.ForCoefficient(eb, 1);
        var expected = Golden.Records($"limma/{name}_toptable.csv");
        Assert.Equal(expected.Select(r => r["gene"]), table.Select(r => r.Gene));
        var report = new ParityReport($"topTable {name}");
        for (int i = 0; i < expected.Count; i++)
        {
            var r = expected[i];
            report.Add(Golden.Number(r["logFC"]), table[i].LogFC, r["gene"] + " logFC");
            report.Add(Golden.Number(r["AveExpr"]), table[i].AveExpr, r["gene"] + " AveExpr");
            report.Add(Golden.Number(r["t"]), table[i].T, r["gene"] + " t");
            report.Add(Golden.Number(r["P.Value"]), table[i].PValue, r["gene"] + " P");
            report.Add(Golden.Number(r["adj.P.Val"]), table[i].AdjustedPValue, r["gene"] + " adj.P");
            report.Add(Golden.Number(r["B"]), table[i].B, r["gene"] + " B");
        }
        report.AssertWithin(Tolerance, output);
    }

    /// <summary>
    /// eBayes(trend = TRUE) on a log-CPM-like mean–variance trend ("trend", 900 genes, 5 vs 5) and on the data sets above
    /// ("missing" has a gene with no residual df, whose prior comes from the spline's prediction).
    /// </summary>
    [Theory]
    [InlineData("trend")]
    [InlineData("hetero")]
    [InlineData("missing")]
    public void EBayesWithTrendMatchesLimma(string name)
    {
        var (fit, _) = Run(name);
        var eb = EmpiricalBayes.Moderate(fit, trend: true);
        var hyper = Golden.Records($"limma/{name}_trend_hyper.csv").ToDictionary(r => r["key"], r => Golden.Number(r["value"]));
        var report = new ParityReport($"limma {name} trend");
        report.Add(hyper["df_prior"], eb.DfPrior, "df.prior");
        report.Add(hyper["var_prior_group"], eb.VarPrior[1], "var.prior[2]");
        var rows = Golden.Records($"limma/{name}_trend_fit.csv");
        Assert.Equal(rows.Count, fit.GeneCount);
        for (int g = 0; g < rows.Count; g++)
        {
            var r = rows[g];
            Assert.Equal(r["gene"], fit.Genes[g]);
            report.Add(Golden.Number(r["s2_prior"]), eb.S2Prior[g], r["gene"] + " s2.prior");
            report.Add(Golden.Number(r["s2_post"]), eb.S2Post[g], r["gene"] + " s2.post");
            report.Add(Golden.Number(r["df_total"]), eb.DfTotal[g], r["gene"] + " df.total");
            report.Add(Golden.Number(r["t"]), eb.T(g, 1), r["gene"] + " t");
            report.Add(Golden.Number(r["p_value"]), eb.PValue(g, 1), r["gene"] + " p");
            report.Add(Golden.Number(r["lods"]), eb.B(g, 1), r["gene"] + " B");
        }
        report.AssertWithin(Tolerance, output);
        // The trend is not flat where the data have one: the prior variance falls with expression.
        if (name == "trend") Assert.True(eb.S2Prior.Max() > 10 * eb.S2Prior.Min());
    }

    /// <summary>
    /// eBayes(robust = TRUE), without and with trend (golden/limma/make_limma_robust_golden.R): "robust" (1,200 genes, 6 vs 6,
    /// made for this test on its own seed, with hyper- and hypo-variable genes), "homo" (d₀ = ∞: the χ² branch with per-gene
    /// outlier df), "hetero", "missing" (unequal residual df, mapped to the largest; a gene with none) and "trend" (lowess trend).
    /// Per gene: df.prior (shrunk for outliers), s2.prior, s2.post, t, p, B and df.total.
    /// </summary>
    [Theory]
    [InlineData("robust", false)]
    [InlineData("homo", false)]
    [InlineData("hetero", false)]
    [InlineData("missing", false)]
    [InlineData("robust", true)]
    [InlineData("trend", true)]
    [InlineData("hetero", true)]
    [InlineData("missing", true)]
    public void EBayesRobustMatchesLimma(string name, bool trend)
    {
        var (fit, _) = Run(name);
        var eb = EmpiricalBayes.Moderate(fit, trend: trend, robust: true);
        string tag = name + (trend ? "_robust_trend" : "_robust");
        var hyper = Golden.Records($"limma/{tag}_hyper.csv").ToDictionary(r => r["key"], r => Golden.Number(r["value"]));
        var report = new ParityReport($"limma {tag}");
        report.Add(hyper["var_prior_group"], eb.VarPrior[1], "var.prior[2]");
        var rows = Golden.Records($"limma/{tag}_fit.csv");
        Assert.Equal(rows.Count, fit.GeneCount);
        for (int g = 0; g < rows.Count; g++)
        {
            var r = rows[g];
            Assert.Equal(r["gene"], fit.Genes[g]);
            report.Add(Golden.Number(r["df_prior"]), eb.DfPriors[g], r["gene"] + " df.prior");
            report.Add(Golden.Number(r["s2_prior"]), eb.S2Prior[g], r["gene"] + " s2.prior");
            report.Add(Golden.Number(r["s2_post"]), eb.S2Post[g], r["gene"] + " s2.post");
            report.Add(Golden.Number(r["df_total"]), eb.DfTotal[g], r["gene"] + " df.total");
            report.Add(Golden.Number(r["t"]), eb.T(g, 1), r["gene"] + " t");
            report.Add(Golden.Number(r["p_value"]), eb.PValue(g, 1), r["gene"] + " p");
            report.Add(Golden.Number(r["lods"]), eb.B(g, 1), r["gene"] + " B");
        }
        report.AssertWithin(RobustTolerance, output);
        // Robustness is not a no-op where the data have outliers: some genes get a smaller prior df than the rest.
        if (name == "robust") Assert.True(eb.DfPriors.Min() < 0.9 * eb.DfPriors.Max());
    }

    private static (LinearModelFit Fit, ModeratedFit EBayes) Run(string name)
    {
        var y = Golden.Matrix($"limma/{name}_expr.csv");
        var groups = Golden.Records($"limma/{name}_groups.csv").Select(r => r["group"]).ToArray();
        var (design, names) = LinearModel.TwoGroupDesign(groups);
        var fit = LinearModel.Fit(y, design, names);
        return (fit, EmpiricalBayes.Moderate(fit));
    }
}
