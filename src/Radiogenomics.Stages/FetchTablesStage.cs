using Radiogenomics.DataSources;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>fetch.tables</c>: starts a workflow from tables extracted elsewhere (PyRadiomics CSV, another CNN):
/// an image-level feature table (image id, patient id, one column per feature) and one or more
/// patient-level genomic tables (patient id, one column per genomic feature). Each genomic file's
/// name (without extension) is its family, e.g. <c>pathway.tsv</c> → family "pathway". An optional patient-level
/// survival table (time, event, strata, covariates) is checked (<see cref="SurvivalTable"/>) and passed on.
/// An optional patient-level clinical table (labels, fold or cohort columns, covariates) is written as <c>clinical</c>, and an
/// optional expression matrix as <c>expression</c> (for genomics.features), both as fetch.local writes them.
/// </summary>
public sealed class FetchTablesStage : TableStageKind<FetchTablesOptions>
{
    public override string Name => "fetch.tables";
    public override int Version => 4; // the survival, clinical and expression inputs
    public override string Summary => "Reads an image-level feature table and patient-level genomic tables (CSV, TSV or Parquet).";

    public override IReadOnlyList<InputSlotSpec> Inputs =>
    [
        new("features", "one image-level table: image id, patient id and one numeric column per radiomic feature"),
        new("genomics", "one or more patient-level tables: patient id and one numeric column per genomic feature; the file name is the family"),
        new("survival", "a patient-level survival table: patient id, follow-up time, event 0/1, optional strata and covariates", Required: false),
        new("clinical", "a patient-level clinical table (TSV/CSV/Parquet): patient id, label columns, optional fold/cohort columns, covariates", Required: false),
        new("expression", "one expression matrix (TSV/CSV/Parquet): genes × samples or samples × genes, counts or normalised values, for genomics.features", Required: false),
    ];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("features", "image-level features: image_id, patient_id, then one double column per feature"),
        new("genomic", "patient-level genomic features: patient_id, then one double column per genomic feature (null = missing)"),
        new("genomic_features", "one row per genomic feature: name, family, source file"),
        new("survival", "patient_id, the time and event columns and the rest of the survival table (no rows without a survival input)"),
        new("clinical", "patient_id, then the clinical columns (numbers as doubles, the rest as text); only patient_id when no clinical table is given"),
        new("expression", "genes × patients: gene_id, gene_name, gene_type, then one column per patient (no patient columns when no matrix is given)"),
        new("expression_samples", "each expression sample: source, sample id, patient, sample type, kept or why not"),
    ];

    public override Task RunAsync(StageContext context, FetchTablesOptions options, CancellationToken cancellationToken)
    {
        string imageColumn = options.ImageColumn;
        string patientColumn = options.PatientColumn;
        var featureFiles = context.InputFiles("features");
        if (featureFiles.Count != 1)
            throw new DataProblemException(string.Join(", ", featureFiles.Select(f => f.RelativePath)), "inputs.features",
                $"{featureFiles.Count} files matched; this stage reads exactly one feature table", "point inputs.features at one file");

        var source = featureFiles[0];
        context.Report(0.05, "reading " + source.RelativePath);
        var file = TabularFile.Read(source.FullPath, source.RelativePath);
        var images = file.Strings(imageColumn);
        var patients = file.Strings(patientColumn);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < images.Length; i++)
        {
            if (images[i].Length == 0) throw new DataProblemException(source.RelativePath, file.RowLabel(i), $"'{imageColumn}' is empty", "give every image an id");
            if (patients[i].Length == 0) throw new DataProblemException(source.RelativePath, file.RowLabel(i), $"'{patientColumn}' is empty", "give every image its patient id");
            if (!seen.TryAdd(images[i], i))
                throw new DataProblemException(source.RelativePath, file.RowLabel(i), $"image id '{images[i]}' already appears in {file.RowLabel(seen[images[i]])}", "make image ids unique");
        }
        var featureNames = file.Table.ColumnNames.Where(c => c != imageColumn && c != patientColumn).ToList();
        if (featureNames.Count == 0) throw new DataProblemException(source.RelativePath, "header", "has no feature columns", "add one numeric column per feature");
        var columns = featureNames.Select(name => file.Numbers(name, allowMissing: false)).ToArray();
        new FeatureMatrix(images.Cast<string?>().ToArray(), patients.Cast<string?>().ToArray(), featureNames, columns).Write(context.Output("features"));
        context.Record("images", images.Length);
        context.Record("patients", patients.Distinct().Count());
        context.Record("radiomic_features", featureNames.Count);

        // Genomic tables: join on patient id, keeping the patients that have images.
        var patientIds = PatientOrder.Of(patients);
        var index = PatientOrder.IndexOf(patientIds);
        var genomic = new GenomicTableWriter(patientIds);
        var genomicFiles = context.InputFiles("genomics");
        for (int f = 0; f < genomicFiles.Count; f++)
        {
            var g = genomicFiles[f];
            context.Report(0.3 + 0.6 * f / genomicFiles.Count, "reading " + g.RelativePath);
            var table = TabularFile.Read(g.FullPath, g.RelativePath);
            string family = Path.GetFileNameWithoutExtension(g.FullPath);
            var ids = table.Strings(patientColumn);
            var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < ids.Length; i++)
                if (!rowOf.TryAdd(ids[i], i))
                    throw new DataProblemException(g.RelativePath, table.RowLabel(i), $"patient '{ids[i]}' already appears in {table.RowLabel(rowOf[ids[i]])}", "keep one row per patient");
            int matched = patientIds.Count(rowOf.ContainsKey);
            context.Log($"{g.RelativePath}: {ids.Length} patients, {matched} of {patientIds.Count} imaged patients matched");
            foreach (var column in table.Table.ColumnNames.Where(c => c != patientColumn))
            {
                if (genomic.Contains(column))
                    throw new DataProblemException(g.RelativePath, $"column '{column}'", "the same genomic feature name appears in another genomic table", "rename one of them");
                var values = table.Numbers(column, allowMissing: true);
                var aligned = new double?[patientIds.Count];
                foreach (var (pid, i) in index)
                    aligned[i] = rowOf.TryGetValue(pid, out var r) && double.IsFinite(values[r]) ? values[r] : null;
                genomic.Add(column, family, g.RelativePath, aligned);
            }
        }
        genomic.Write(context.Output("genomic"), context.Output("genomic_features"));

        var clinicalFiles = context.InputFiles("clinical");
        if (clinicalFiles.Count > 1)
            throw new DataProblemException(string.Join(", ", clinicalFiles.Select(f => f.RelativePath)), "inputs.clinical",
                $"{clinicalFiles.Count} files matched; this stage reads one clinical table", "point inputs.clinical at one file");
        var clinical = FetchLocalStage.ReadClinical(clinicalFiles.FirstOrDefault(), patientColumn, false, id => id, new ProblemTable(), DataSources.BadRecordPolicy.Fail);
        ParquetFile.Write(clinical, context.Output("clinical"));
        context.Record("clinical_patients", clinical.RowCount);
        context.Record("genomic_features", genomic.Count);
        WriteSurvival(context, options);
        WriteExpression(context, options);
        context.Report(1.0, $"{images.Length} images of {patientIds.Count} patients, {featureNames.Count} features, {genomic.Count} genomic features");
        return Task.CompletedTask;
    }

    private static void WriteExpression(StageContext context, FetchTablesOptions options)
    {
        var files = context.InputFiles("expression");
        if (files.Count > 1)
            throw new DataProblemException(string.Join(", ", files.Take(3).Select(f => f.RelativePath)), "inputs.expression", $"{files.Count} files matched; this stage reads one matrix",
                "point inputs.expression at one file (STAR-counts files per sample go through fetch.local)");
        var (expression, samples) = files.Count == 0
            ? (ExpressionIngest.Empty(), new List<ExpressionSample>())
            : ExpressionIngest.FromMatrix(files[0].ToDataFile(), options.MatrixOrientation, options.PrimaryTumorOnly);
        ParquetFile.Write(expression, context.Output("expression"));
        ParquetFile.Write(ExpressionSample.ToTable(samples), context.Output("expression_samples"));
        if (files.Count == 1)
        {
            context.Record("expression_genes", expression.RowCount);
            context.Record("expression_patients", expression.ColumnCount - 3);
        }
    }

    private static void WriteSurvival(StageContext context, FetchTablesOptions options)
    {
        var files = context.InputFiles("survival");
        if (files.Count > 1)
            throw new DataProblemException(string.Join(", ", files.Select(f => f.RelativePath)), "inputs.survival", $"{files.Count} files matched", "point inputs.survival at one file");
        if (files.Count == 0)
        {
            ParquetFile.Write(new Table().Add("patient_id", Array.Empty<string?>()), context.Output("survival"));
            return;
        }
        var file = TabularFile.Read(files[0].FullPath, files[0].RelativePath);
        var survival = SurvivalTable.Read(file, options.PatientColumn, options.SurvivalTimeColumn, options.SurvivalEventColumn, "survival_time_column", "survival_event_column");
        ParquetFile.Write(survival.ToTable(), context.Output("survival"));
        context.Record("survival_patients", survival.PatientIds.Count);
        context.Record("survival_events", survival.Event.Sum());
    }
}
