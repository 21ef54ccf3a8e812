using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// A classify stage's <c>predictions</c> read as a model signature for a fusion model: one score per patient (the
/// held-out score for training patients, the final model's for validation patients), its outer fold and cohort.
/// Leaky (image-split) predictions are refused: their scores are not held out.
/// </summary>
internal sealed record SignatureScores(string Model, Dictionary<string, (double Score, int Fold, string Cohort)> ByPatient)
{
    public static SignatureScores Read(string path)
    {
        var t = ParquetFile.Read(path);
        foreach (var c in new[] { "model", "patient_id", "score" })
            if (!t.Contains(c)) throw new DataProblemException(path, "header", $"has no column '{c}'", "bind the predictions output of a classify stage");
        var model = t.GetStrings("model").FirstOrDefault() ?? "signature";
        if (t.Contains("leaky") && t.GetBools("leaky").Any(b => b))
            throw new DataProblemException(path, $"model '{model}'", "has leaky predictions (split: image): its scores are not held out", "use a classify stage with split: patient as a signature");
        var ids = t.GetStrings("patient_id");
        var score = t.GetDoubles("score");
        var fold = t.Contains("fold") ? t.GetInt32s("fold") : new int[t.RowCount];
        var cohort = t.Contains("cohort") ? t.GetStrings("cohort") : new string?[t.RowCount];
        var byPatient = new Dictionary<string, (double, int, string)>(StringComparer.Ordinal);
        for (int i = 0; i < t.RowCount; i++)
        {
            if (ids[i] is not { } id) continue;
            if (!byPatient.TryAdd(id, (score[i], fold[i], cohort[i] ?? ClassifyCohorts.CrossValidation)))
                throw new DataProblemException(path, $"patient '{id}'", "has more than one prediction", "bind patient-level predictions (one row per patient)");
        }
        return new SignatureScores(model, byPatient);
    }
}
