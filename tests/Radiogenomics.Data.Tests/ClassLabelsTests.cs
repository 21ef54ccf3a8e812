using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Data.Tests;

/// <summary><see cref="ClassLabels"/>: label rules on a clinical table, the quantile computed on training patients only.</summary>
public sealed class ClassLabelsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"rg-labels-{Guid.NewGuid():N}.parquet");

    public void Dispose() => File.Delete(_path);

    private IReadOnlyList<string> Write()
    {
        var ids = Enumerable.Range(1, 20).Select(i => $"P{i:00}").ToArray();
        ParquetFile.Write(new Table()
            .Add("patient_id", ids.Cast<string?>().ToArray())
            .Add("score", Enumerable.Range(1, 20).Select(i => (double?)i).ToArray())
            .Add("status", Enumerable.Range(1, 20).Select(i => (string?)(i % 3 == 0 ? "Positive" : "Negative")).ToArray()), _path);
        return ids;
    }

    [Fact]
    public void QuantileRuleUsesTheTrainingPatientsOnly()
    {
        var ids = Write();
        var labels = ClassLabels.Read(_path, "clinical", new LabelRule("score", Quantile: 0.75), ids, dropIncomplete: false);
        var training = Enumerable.Range(0, 10).ToArray(); // scores 1..10: type-7 quantile 7.75
        var y = labels.Labels(training, out double cutoff);
        Assert.Equal(7.75, cutoff, 12);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => i > 7.75 ? 1.0 : 0.0), y);
        labels.Labels(null, out double all);
        Assert.Equal(15.25, all, 12); // scores 1..20
    }

    [Fact]
    public void TextNeedsItsPositiveLevel()
    {
        var ids = Write();
        var ex = Assert.Throws<DataProblemException>(() => ClassLabels.Read(_path, "clinical", new LabelRule("status"), ids, false));
        Assert.Contains("column 'status'", ex.Message);
        Assert.Contains("positive:", ex.Message);
        var labels = ClassLabels.Read(_path, "clinical", LabelRule.TwoLevel("status", "Positive"), ids, false);
        Assert.Equal(6, labels.Labels(null).Sum());
    }

    [Fact]
    public void PatientsWithoutLabelOrFeatures()
    {
        var ids = Write();
        var fewer = ids.Take(15).Append("P99").ToList();
        var ex = Assert.Throws<DataProblemException>(() => ClassLabels.Read(_path, "clinical", LabelRule.TwoLevel("status", "Positive"), fewer, false));
        Assert.Contains("no label for 1 patient(s) with features (P99)", ex.Message);
        var dropped = ClassLabels.Read(_path, "clinical", LabelRule.TwoLevel("status", "Positive"), fewer, true);
        Assert.Equal(15, dropped.Patients.Count);
        Assert.Equal(6, dropped.Dropped.Count); // P99 without a label, P16..P20 without features
    }
}
