using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// The <c>predictions</c> contract of regression stages (predict.elastic_net, predict.linear, predict.morphology): one row
/// per patient, target and model with the held-out fold, the observed and the predicted value.
/// </summary>
public static class RegressionPredictions
{
    public static readonly string[] ColumnNames = ["patient_id", "fold", "target", "observed", "predicted", "model"];

    public static void Write(string path, IReadOnlyList<RegressionPrediction> rows) =>
        ParquetFile.Write(new Table()
            .Add("patient_id", rows.Select(r => (string?)r.PatientId).ToArray())
            .Add("fold", rows.Select(r => r.Fold).ToArray())
            .Add("target", rows.Select(r => (string?)r.Target).ToArray())
            .Add("observed", rows.Select(r => r.Observed).ToArray())
            .Add("predicted", rows.Select(r => r.Predicted).ToArray())
            .Add("model", rows.Select(r => (string?)r.Model).ToArray()), path);

    /// <summary>Reads a predictions table; <paramref name="table"/> names it in errors.</summary>
    public static List<RegressionPrediction> Read(string path, string table)
    {
        var t = ParquetFile.Read(path);
        foreach (var c in ColumnNames)
            if (!t.Contains(c)) throw new DataProblemException(table, "header", $"has no column '{c}'", "bind the predictions output of a predict stage (patient_id, fold, target, observed, predicted, model)");
        var patient = t.GetStrings("patient_id");
        var fold = t["fold"].Type == ColumnType.Int64 ? t.GetInt64s("fold").Select(v => (int)v).ToArray() : t.GetInt32s("fold");
        var target = t.GetStrings("target");
        var observed = t.GetNullableDoubles("observed");
        var predicted = t.GetNullableDoubles("predicted");
        var model = t.GetStrings("model");
        var rows = new List<RegressionPrediction>(t.RowCount);
        for (int i = 0; i < t.RowCount; i++)
        {
            if (patient[i] is null || target[i] is null || model[i] is null || observed[i] is not { } o || predicted[i] is not { } p || !double.IsFinite(o) || !double.IsFinite(p))
                throw new DataProblemException(table, $"row {i + 1}", "has a missing patient, target, model, observed or predicted value", "write every prediction row complete");
            rows.Add(new RegressionPrediction(patient[i]!, fold[i], target[i]!, o, p, model[i]!));
        }
        return rows;
    }
}
