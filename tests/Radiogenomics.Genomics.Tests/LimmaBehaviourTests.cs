namespace Radiogenomics.Genomics.Tests;

/// <summary>limma and normalisation edge cases (the special functions behind eBayes are tested in Statistics).</summary>
public class LimmaBehaviourTests
{
    [Fact]
    public void LimmaNeedsResidualDegreesOfFreedom()
    {
        var y = new ExpressionMatrix(["g1", "g2"], ["a", "b"], [1, 2, 3, 5]);
        var (design, names) = LinearModel.TwoGroupDesign(["A", "B"]);
        var fit = LinearModel.Fit(y, design, names);
        Assert.All(fit.DfResidual, d => Assert.Equal(0, d));
        Assert.Throws<ArgumentException>(() => EmpiricalBayes.Moderate(fit));
    }

    [Fact]
    public void TwoGroupDesignUsesTheReferenceAsBaseline()
    {
        var (design, names) = LinearModel.TwoGroupDesign(["trt", "ctl", "trt", "ctl"], reference: "ctl");
        Assert.Equal(["(Intercept)", "grouptrt"], names);
        Assert.Equal(1, design[0, 1]);
        Assert.Equal(0, design[1, 1]);
        var y = new ExpressionMatrix(["g"], ["a", "b", "c", "d"], [5, 1, 7, 3]);
        var fit = LinearModel.Fit(y, design, names);
        Assert.Equal(2, fit.Coefficient(0, 0), 12);   // mean(ctl)
        Assert.Equal(4, fit.Coefficient(0, 1), 12);   // mean(trt) − mean(ctl)
        Assert.Throws<ArgumentException>(() => LinearModel.TwoGroupDesign(["a", "b", "c"]));
    }

    [Fact]
    public void RankDeficientDesignIsRejected()
    {
        var y = new ExpressionMatrix(["g"], ["a", "b", "c"], [1, 2, 3]);
        Assert.Throws<ArgumentException>(() => LinearModel.Fit(y, new double[,] { { 1, 1 }, { 1, 1 }, { 1, 1 } }));
    }

    [Fact]
    public void NormalisationRejectsInvalidInput()
    {
        var counts = new ExpressionMatrix(["a", "b"], ["s"], [3, -1]);
        Assert.Throws<ArgumentException>(() => ExpressionNormalization.Cpm(counts));
        var ok = new ExpressionMatrix(["a", "b"], ["s"], [3, 1]);
        Assert.Throws<ArgumentException>(() => ExpressionNormalization.Tpm(ok, [1000]));
        Assert.Throws<ArgumentException>(() => ExpressionNormalization.Fpkm(ok, [1000, 0]));
        var tpm = ExpressionNormalization.Tpm(ok, [1000, 2000]);
        Assert.Equal(1e6, tpm[0, 0] + tpm[1, 0], 6);
    }
}
