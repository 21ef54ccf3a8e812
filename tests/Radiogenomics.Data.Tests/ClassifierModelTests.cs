using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Data.Tests;

/// <summary><see cref="ClassifierModel"/>: the model table written and read back unchanged; a table that is not one is a clear error.</summary>
public sealed class ClassifierModelTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"rg-model-{Guid.NewGuid():N}.parquet");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void RoundTripKeepsTermsRuleAndCutoffs()
    {
        var model = new ClassifierModel(ClassifierModel.LogisticKind, "nomo", new LabelRule("age", Quantile: 0.75), 61.5, 0.42, "patient",
            [new("(Intercept)", ModelTerm.Intercept, null, null, -1.25), new("rad", ModelTerm.Signature, "rad", null, 3.5),
             new("stage=I", ModelTerm.Clinical, "stage", "I", 0), new("stage=II", ModelTerm.Clinical, "stage", "II", 0.75)], ["f0", "f1"]);
        model.Write(_path);
        var back = ClassifierModel.Read(_path);
        Assert.Equal("nomo", back.TrainedBy);
        Assert.Equal(model.Terms, back.Terms);
        Assert.Equal(["f0", "f1"], back.Features);
        Assert.Equal(0.42, back.YoudenCutoff);
        Assert.Equal(new LabelRule("age", Quantile: 0.75), back.Rule);
        // A new cohort's labels use the training cohort's quantile as a fixed threshold.
        Assert.Equal(new LabelRule("age", Threshold: 61.5), back.FrozenRule);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTripKeepsNamedLevels(bool prefix)
    {
        var rules = new[]
        {
            LabelRule.TwoLevel("er", "Positive"),
            new LabelRule("t_stage", new LabelLevels(["T2", "T3", "T4"], ["T1"], ["TX"], prefix)),
            new LabelRule("her2", new LabelLevels(["Positive"], [], ["Equivocal", "Indeterminate"])),
        };
        foreach (var rule in rules)
        {
            new ClassifierModel(ClassifierModel.LogisticKind, "m", rule, double.NaN, 0.5, "patient", [new("(Intercept)", ModelTerm.Intercept, null, null, 0)], []).Write(_path);
            Assert.Equal(rule, ClassifierModel.Read(_path).Rule);
        }
        Assert.Equal(prefix ? "t_stage ∈ {T2*, T3*, T4*} vs {T1*}, excluding {TX*}" : "t_stage ∈ {T2, T3, T4} vs {T1}, excluding {TX}", rules[1].Describe());
        Assert.Equal("er = Positive", rules[0].Describe());
    }

    [Fact]
    public void APredictionsTableIsNotAModel()
    {
        ParquetFile.Write(new Table().Add("patient_id", new string?[] { "P1" }).Add("score", new[] { 0.5 }), _path);
        var e = Assert.Throws<DataProblemException>(() => ClassifierModel.Read(_path));
        Assert.Contains("section", e.Message, StringComparison.Ordinal);
    }
}
