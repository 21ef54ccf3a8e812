using System.Globalization;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// The training and validation cohorts of <c>validation: external</c>: a clinical column's training level, or — when no
/// cohort column is named — a seeded split stratified by the label (each class's share <c>training_fraction</c>), drawn
/// with its own generator so the same seed, patients and labels give the same split in every classify stage.
/// </summary>
internal static class ClassifyCohorts
{
    public const string Training = "training";
    public const string Validation = "validation";
    public const string CrossValidation = "cross-validation";

    public static bool[] Split(string clinicalPath, string table, string cohortColumn, string trainingCohort, double fraction,
        IReadOnlyList<string> patients, double[] labels, int seed, out string description)
    {
        var training = new bool[patients.Count];
        if (cohortColumn.Length > 0)
        {
            var t = ParquetFile.Read(clinicalPath);
            if (!t.Contains(cohortColumn))
                throw new DataProblemException(table, $"column '{cohortColumn}'", "does not exist", $"set cohort_column to one of: {string.Join(", ", t.ColumnNames.Where(c => c != "patient_id"))}");
            var text = t[cohortColumn].Type == ColumnType.String ? t.GetStrings(cohortColumn)
                : t.GetNullableDoubles(cohortColumn).Select(v => v?.ToString(CultureInfo.InvariantCulture)).ToArray();
            var byPatient = new Dictionary<string, string?>(StringComparer.Ordinal);
            var ids = t.GetStrings("patient_id");
            for (int i = 0; i < ids.Length; i++) if (ids[i] is { } id) byPatient[id] = text[i];
            var levels = text.Where(v => v is not null).Distinct().Order(StringComparer.Ordinal).ToList();
            if (trainingCohort.Length == 0 || !levels.Contains(trainingCohort))
                throw new DataProblemException(table, $"column '{cohortColumn}'", trainingCohort.Length == 0 ? "names cohorts, but training_cohort is not set" : $"has no cohort '{trainingCohort}'",
                    $"set training_cohort to one of: {string.Join(", ", levels)}");
            for (int p = 0; p < patients.Count; p++)
            {
                var c = byPatient.GetValueOrDefault(patients[p]);
                if (c is null)
                    throw new DataProblemException(table, $"column '{cohortColumn}', patient '{patients[p]}'", "has no cohort", "give every labelled patient a cohort");
                training[p] = c == trainingCohort;
            }
            description = $"cohort '{trainingCohort}' of column '{cohortColumn}' trains, the others validate";
        }
        else
        {
            var random = new Random(seed);
            foreach (double cls in new[] { 0.0, 1.0 })
            {
                var members = Enumerable.Range(0, patients.Count).Where(p => labels[p] == cls).ToArray();
                random.Shuffle(members);
                int take = (int)Math.Round(fraction * members.Length, MidpointRounding.AwayFromZero);
                foreach (var p in members.Take(take)) training[p] = true;
            }
            description = string.Format(CultureInfo.InvariantCulture, "a seeded split stratified by the label ({0:0.##} of each class trains; no cohort column)", fraction);
        }
        int n = training.Count(b => b);
        if (n == 0 || n == patients.Count)
            throw new DataProblemException(table, cohortColumn.Length > 0 ? $"column '{cohortColumn}'" : "options", n == 0 ? "leaves no training patient" : "leaves no validation patient",
                "name a cohort column with a training and a validation cohort, or a training_fraction below 1");
        return training;
    }
}
