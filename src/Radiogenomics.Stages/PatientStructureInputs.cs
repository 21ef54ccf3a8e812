using Radiogenomics.Data;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// What <c>explore.tsne</c> and <c>explore.clusters</c> share: feature rows with every feature complete and varying
/// (others dropped and counted), z-scored when asked, and the clinical labels of each patient.
/// </summary>
internal static class PatientStructureInputs
{
    /// <summary>
    /// Patient-level values of every numeric column (image rows averaged, missing values left out), patients in
    /// <see cref="PatientOrder"/>: [feature][patient].
    /// </summary>
    public static (List<string> Patients, IReadOnlyList<string> Names, double[][] Columns) PatientMeans(string path)
    {
        var table = PatientValueTable.Read(path, "features", []);
        var patients = PatientOrder.Of(table.Patients);
        var position = table.Patients.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => t.i, StringComparer.Ordinal);
        var columns = table.Columns.Select(c => patients.Select(p => c[position[p]]).ToArray()).ToArray();
        return (patients, table.Names, columns);
    }

    /// <summary>The image-level feature matrix, or null when the table has one row per patient (or no image_id).</summary>
    public static FeatureMatrix? ImageLevel(string path)
    {
        var table = ParquetFile.Read(path);
        if (!table.Contains("image_id")) return null;
        var features = FeatureMatrix.Read(path);
        return features.Level == FeatureLevel.Image ? features : null;
    }

    /// <summary>
    /// The rows (points × kept features) of <paramref name="columns"/> ([feature][point]), keeping features with no missing
    /// value and more than one distinct value; each kept feature z-scored (R's scale) when <paramref name="standardize"/>.
    /// </summary>
    public static (double[][] Rows, List<string> Features, int Dropped) Rows(IReadOnlyList<string> names, double[][] columns, int points, bool standardize)
    {
        var kept = new List<int>();
        for (int j = 0; j < columns.Length; j++)
        {
            var c = columns[j];
            if (c.All(double.IsFinite) && c.Any(v => v != c[0])) kept.Add(j);
        }
        var scaled = kept.Select(j =>
        {
            var c = (double[])columns[j].Clone();
            if (standardize) ZScore.StandardizeInPlace(c);
            return c;
        }).ToArray();
        var rows = new double[points][];
        for (int i = 0; i < points; i++)
        {
            rows[i] = new double[kept.Count];
            for (int k = 0; k < kept.Count; k++) rows[i][k] = scaled[k][i];
        }
        return (rows, kept.Select(j => names[j]).ToList(), columns.Length - kept.Count);
    }

    /// <summary>
    /// The clinical labels to show: the named ones, or every column when none is named (only the categorical ones when
    /// <paramref name="categoricalOnly"/>: text, or at most 10 distinct values). Empty without a clinical table.
    /// </summary>
    /// <param name="ownColumns">The stage's own output columns (x, y, id, …): a named label with one of these names is an error, an
    /// unnamed one is left out with a warning, so no label silently replaces or collides with them.</param>
    public static List<(string Name, Dictionary<string, string> Values)> Labels(StageContext context, IReadOnlyList<string> named, bool categoricalOnly,
        IReadOnlyCollection<string> ownColumns)
    {
        if (!context.HasInput("clinical"))
        {
            if (named.Count > 0)
                throw new DataProblemException(context.StageId, "labels", $"names clinical columns ({string.Join(", ", named)}) but no clinical table is bound",
                    "add the stage that writes 'clinical' (a fetch stage) to needs, or drop labels");
            return [];
        }
        var clinical = ClinicalTable.Read(context.Input("clinical"));
        var table = ParquetFile.Read(context.Input("clinical"));
        var chosen = named.Count > 0 ? named : clinical.Variables.Where(v => !categoricalOnly || Categorical(table, v)).ToList();
        var clashing = chosen.Where(ownColumns.Contains).ToList();
        if (clashing.Count > 0 && named.Count > 0)
            throw new DataProblemException(context.Input("clinical"), $"column '{clashing[0]}'",
                $"has the name of one of this stage's own output columns ({string.Join(", ", ownColumns)})",
                "rename the clinical column (e.g. in the table or with fetch.local's clinical options) or leave it out of labels");
        if (clashing.Count > 0)
        {
            context.Warn($"clinical column(s) {string.Join(", ", clashing)} not shown as labels: the name is one of this stage's own output columns; rename to show them");
            chosen = chosen.Except(clashing).ToList();
        }
        return chosen.Select(v => (v, clinical.Labels(v, "labels"))).ToList();
    }

    private static bool Categorical(Table table, string column) =>
        table[column].Type == ColumnType.String || table.GetNullableDoubles(column).Where(v => v is not null).Distinct().Count() <= 10;
}
