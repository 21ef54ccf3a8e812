using Radiogenomics.DataSources;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>fetch.local</c>: brings a user's own folders into the engine — a DICOM tree in any layout (indexed; pixel
/// data stays in the files), tumour expression (GDC STAR-counts files
/// with an optional sample sheet, or one matrix), a clinical table, a survival table (checked as fetch.tables checks it),
/// and an optional id map — matching every
/// source to patients (TCGA barcodes normalised to TCGA-XX-XXXX; sample type 01 kept by default). Writes the
/// matched/unmatched patients table (the exclusion flowchart) and an errors table.
/// </summary>
public sealed class FetchLocalStage : TableStageKind<FetchLocalOptions>
{
    public override string Name => "fetch.local";
    public override int Version => 2; // the survival input
    public override string Summary => "Ingests local DICOM trees, expression (STAR-counts or a matrix), clinical data and an id map; matches patients.";

    public override IReadOnlyList<InputSlotSpec> Inputs =>
    [
        new("dicom", "DICOM files in any folder layout (a folder or a glob); indexed by patient, study and series, pixel data stays in the files", Required: false),
        new("expression", "GDC STAR-counts TSV files (one per sample), or one matrix (TSV/CSV/Parquet)", Required: false),
        new("sample_sheet", "GDC sample sheet naming the sample of each STAR-counts file", Required: false),
        new("clinical", "a clinical table (TSV/CSV/Parquet), one row per patient", Required: false),
        new("survival", "a patient-level survival table: patient id, follow-up time, event 0/1, optional strata and covariates", Required: false),
        new("id_map", "a two-column table (id, patient_id) mapping other ids to the patient ids used elsewhere", Required: false),
        new("masks", "tumour masks as NIfTI (.nii or .nii.gz), named after the patient (e.g. TCGA-AO-A03M_tumour.nii.gz)", Required: false),
    ];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("dicom_series", "one row per DICOM series: patient, study and series UIDs, modality, manufacturer, field strength, description, temporal positions, geometry, slice count, transfer syntaxes"),
        new("dicom_instances", "one row per DICOM file: workspace-relative path, SHA-256, patient, series, SOP instance UID, instance number, temporal position, times, slice position"),
        new("expression", "genes × patients: gene_id, gene_name, gene_type, then one column per patient"),
        new("expression_samples", "each expression sample: source, sample id, patient, sample type, kept or why not"),
        new("clinical", "patient_id, then the clinical columns (numbers as doubles, the rest as text)"),
        new("survival", "patient_id, the time and event columns and the rest of the survival table (no rows without a survival input)"),
        new("masks", "one row per mask file: patient_id (from the file name), path, SHA-256"),
        new("patients", "every patient seen in any source, with the sources it has: the matching and exclusion table"),
        new("errors", "every bad record: file, record, reason, fix, action"),
    ];

    private static readonly string[] ClinicalIdCandidates = ["patient_id", "bcr_patient_barcode", "case_submitter_id", "submitter_id"];

    public override Task RunAsync(StageContext context, FetchLocalOptions options, CancellationToken cancellationToken)
    {
        var problems = new ProblemTable();
        var policy = options.OnError switch { OnError.Skip => BadRecordPolicy.Skip, OnError.Fail => BadRecordPolicy.Fail };
        bool primaryOnly = options.PrimaryTumorOnly;
        var idMap = ReadIdMap(context.InputFiles("id_map").FirstOrDefault());
        string Map(string id) => idMap.TryGetValue(id, out var p) ? p : id;

        // Images
        var dicomFiles = context.InputFiles("dicom");
        if (dicomFiles.Count > 0) context.Report(0.05, $"indexing {dicomFiles.Count} DICOM files");
        var (series, instances, dicomErrors) = DicomIndexTables.Build(dicomFiles, context.WorkspaceRoot, problems, cancellationToken, context.Warn);
        if (dicomErrors > 0 && policy == BadRecordPolicy.Fail)
            throw problems.FirstError($"{dicomErrors} DICOM error(s) in all");
        var seriesPatients = series.GetStrings("patient_id").Select(p => Map(p!)).ToArray();
        series = ReplaceColumn(series, "patient_id", seriesPatients);

        // Expression
        Table expression;
        List<ExpressionSample> samples;
        var expressionFiles = context.InputFiles("expression");
        try
        {
            if (expressionFiles.Count == 0)
                (expression, samples) = (ExpressionIngest.Empty(), []);
            else if (IsStarCounts(expressionFiles, options.ExpressionFormat))
                (expression, samples) = ExpressionIngest.FromStarCounts(expressionFiles.ToDataFiles(), context.InputFiles("sample_sheet").FirstOrDefault()?.ToDataFile(),
                    ParseColumn(options.CountColumn), primaryOnly, policy, f => context.Report(0.6 * f, "reading expression files"));
            else if (expressionFiles.Count == 1)
                (expression, samples) = ExpressionIngest.FromMatrix(expressionFiles[0].ToDataFile(), options.MatrixOrientation, primaryOnly);
            else
                throw new DataProblemException(string.Join(", ", expressionFiles.Take(3).Select(f => f.RelativePath)), "inputs.expression",
                    $"{expressionFiles.Count} files that are not STAR-counts files", "give one matrix, or STAR-counts files (they start with '# gene-model')");
        }
        catch (DataProblemException e) when (policy == BadRecordPolicy.Fail)
        {
            var first = e.Problems[0];
            throw new DataProblemException(Path.GetRelativePath(context.WorkspaceRoot, first.File), first.Line > 0 ? $"line {first.Line}: {first.Record}" : first.Record,
                first.Reason + (e.Problems.Count > 1 ? $" (and {e.Problems.Count - 1} more problems)" : ""), first.Fix + "; or set on_error: skip to leave bad records out");
        }
        if (idMap.Count > 0) expression = RenamePatients(expression, Map);
        samples = samples.Select(s => s with { PatientId = Map(s.PatientId) }).ToList();

        // Masks: the patient is the file name up to the first '_' (or the whole stem), mapped through the id map.
        var maskFiles = context.InputFiles("masks");
        foreach (var bad in maskFiles.Where(m => !(m.FullPath.EndsWith(".nii", StringComparison.Ordinal) || m.FullPath.EndsWith(".nii.gz", StringComparison.Ordinal))))
        {
            if (policy == BadRecordPolicy.Fail) throw new DataProblemException(bad.RelativePath, "file", "is not a NIfTI file (.nii or .nii.gz)", "convert the mask to NIfTI, or set on_error: skip");
            problems.Add(bad.RelativePath, "file", "not a NIfTI file (.nii or .nii.gz)", "convert the mask to NIfTI");
        }
        var masks = maskFiles.Where(m => m.FullPath.EndsWith(".nii", StringComparison.Ordinal) || m.FullPath.EndsWith(".nii.gz", StringComparison.Ordinal)).ToList();
        string MaskPatient(SourceFile m)
        {
            string stem = Path.GetFileName(m.FullPath).Replace(".nii.gz", "", StringComparison.Ordinal).Replace(".nii", "", StringComparison.Ordinal);
            int cut = stem.IndexOf('_');
            return Map(ExpressionIngest.Classify(cut > 0 ? stem[..cut] : stem, false).Patient);
        }

        // Clinical
        var clinical = ReadClinical(context.InputFiles("clinical").FirstOrDefault(), options.ClinicalPatientColumn, primaryOnly, Map, problems, policy);

        // Survival: checked as fetch.tables checks it (times, events, duplicates), ids normalised and mapped like the clinical table's
        var survival = ReadSurvival(context.InputFiles("survival"), options, Map);

        // Matching table
        var withExpression = expression.ColumnNames.Skip(3).ToHashSet(StringComparer.Ordinal);
        var withClinical = clinical.GetStrings("patient_id").Select(p => p!).ToHashSet(StringComparer.Ordinal);
        var withImages = seriesPatients.ToHashSet(StringComparer.Ordinal);
        var withSurvival = survival.GetStrings("patient_id").Select(p => p!).ToHashSet(StringComparer.Ordinal);
        var all = withExpression.Union(withClinical).Union(withImages).Union(withSurvival).Union(samples.Select(s => s.PatientId)).Order(StringComparer.Ordinal).ToList();
        // A patient is matched when it has every kind of data that was given at all.
        bool Matched(string p) => (withImages.Count == 0 || withImages.Contains(p)) && (expressionFiles.Count == 0 || withExpression.Contains(p))
                                  && (withClinical.Count == 0 || withClinical.Contains(p)) && (withSurvival.Count == 0 || withSurvival.Contains(p));
        var patients = new Table()
            .Add("patient_id", all.Cast<string?>().ToArray())
            .Add("has_images", all.Select(withImages.Contains).ToArray())
            .Add("has_expression", all.Select(withExpression.Contains).ToArray())
            .Add("has_clinical", all.Select(withClinical.Contains).ToArray())
            .Add("has_survival", all.Select(withSurvival.Contains).ToArray())
            .Add("matched", all.Select(Matched).ToArray());
        context.Log($"patients: {all.Count} seen, {withImages.Count} with images, {withExpression.Count} with expression, {withClinical.Count} with clinical data; " +
                    $"{all.Count(Matched)} matched; {samples.Count(s => !s.Kept)} expression samples left out");
        if (problems.Count > 0) context.Log($"{problems.Count} bad records skipped (see the errors table)");

        ParquetFile.Write(series, context.Output("dicom_series"));
        ParquetFile.Write(instances, context.Output("dicom_instances"));
        ParquetFile.Write(expression, context.Output("expression"));
        ParquetFile.Write(ExpressionSample.ToTable(samples), context.Output("expression_samples"));
        ParquetFile.Write(clinical, context.Output("clinical"));
        ParquetFile.Write(survival, context.Output("survival"));
        ParquetFile.Write(new Table()
            .Add("patient_id", masks.Select(m => (string?)MaskPatient(m)).ToArray())
            .Add("path", masks.Select(m => (string?)m.RelativePath).ToArray())
            .Add("sha256", masks.Select(m => (string?)m.Sha256).ToArray()), context.Output("masks"));
        ParquetFile.Write(patients, context.Output("patients"));
        ParquetFile.Write(problems.ToTable(), context.Output("errors"));
        context.Record("patients_with_expression", withExpression.Count);
        context.Record("bad_records_skipped", problems.Count);
        context.Report(1.0, $"{withExpression.Count} patients with expression, {withClinical.Count} with clinical data");
        return Task.CompletedTask;
    }

    private static readonly string[] SurvivalIdCandidates = [.. ClinicalIdCandidates, "_PATIENT"];

    private static Table ReadSurvival(IReadOnlyList<SourceFile> files, FetchLocalOptions options, Func<string, string> map)
    {
        if (files.Count > 1)
            throw new DataProblemException(string.Join(", ", files.Select(f => f.RelativePath)), "inputs.survival", $"{files.Count} files matched", "point inputs.survival at one file");
        if (files.Count == 0) return new Table().Add("patient_id", Array.Empty<string?>());
        var file = TabularFile.Read(files[0].FullPath, files[0].RelativePath);
        string column = options.SurvivalPatientColumn != "auto" ? options.SurvivalPatientColumn
            : SurvivalIdCandidates.FirstOrDefault(file.HasColumn)
              ?? throw new DataProblemException(files[0].RelativePath, "header", $"none of the columns {string.Join(", ", SurvivalIdCandidates)} is present",
                  "name the patient id column with survival_patient_column");
        var survival = SurvivalTable.Read(file, column, options.SurvivalTimeColumn, options.SurvivalEventColumn, "survival_time_column", "survival_event_column");
        var ids = survival.PatientIds.Select(id => map(ExpressionIngest.Classify(id, false).Patient)).ToArray();
        var duplicate = ids.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new DataProblemException(files[0].RelativePath, $"patient '{duplicate.Key}'", "has more than one row once ids are normalised (TCGA barcodes cut to the patient) and mapped",
                "keep one row per patient");
        return ReplaceColumn(survival.ToTable(), "patient_id", ids);
    }

    private static bool IsStarCounts(IReadOnlyList<SourceFile> files, ExpressionFormat format) => format switch
    {
        ExpressionFormat.StarCounts => true,
        ExpressionFormat.Matrix => false,
        ExpressionFormat.Auto => files.Count > 1 || (File.ReadLines(files[0].FullPath).FirstOrDefault()?.StartsWith("# gene-model", StringComparison.Ordinal) ?? false),
    };

    private static StarCountsColumn ParseColumn(CountColumn column) => column switch
    {
        CountColumn.Unstranded => StarCountsColumn.Unstranded,
        CountColumn.TpmUnstranded => StarCountsColumn.TpmUnstranded,
        CountColumn.FpkmUnstranded => StarCountsColumn.FpkmUnstranded,
        CountColumn.FpkmUqUnstranded => StarCountsColumn.FpkmUqUnstranded,
    };

    private static Dictionary<string, string> ReadIdMap(SourceFile? file)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (file is null) return map;
        var table = TabularFile.Read(file.FullPath, file.RelativePath);
        if (table.Table.ColumnCount < 2) throw new DataProblemException(file.RelativePath, "header", "an id map needs two columns (id, patient_id)", "add the patient id column");
        var from = table.Strings(table.Table.ColumnNames[0]);
        var to = table.Strings(table.Table.ColumnNames[1]);
        for (int i = 0; i < from.Length; i++)
            if (!map.TryAdd(from[i], to[i]) && map[from[i]] != to[i])
                throw new DataProblemException(file.RelativePath, table.RowLabel(i), $"id '{from[i]}' maps to both '{map[from[i]]}' and '{to[i]}'", "keep one mapping per id");
        return map;
    }

    private static Table ReplaceColumn(Table table, string name, string[] values)
    {
        var result = new Table();
        foreach (var column in table.Columns) result.Add(column.Name == name ? Column.Create(name, values.Cast<string?>().ToArray()) : column);
        return result;
    }

    private static Table RenamePatients(Table expression, Func<string, string> map)
    {
        var renamed = new Table();
        for (int i = 0; i < expression.ColumnCount; i++)
            renamed.Add(i < 3 ? expression.Columns[i] : expression.Columns[i].WithName(map(expression.Columns[i].Name)));
        return renamed;
    }

    internal static Table ReadClinical(SourceFile? file, string idColumn, bool primaryOnly, Func<string, string> map, ProblemTable problems, BadRecordPolicy policy)
    {
        if (file is null) return new Table().Add("patient_id", Array.Empty<string?>());
        var table = TabularFile.Read(file.FullPath, file.RelativePath);
        string column = idColumn != "auto" ? idColumn
            : ClinicalIdCandidates.FirstOrDefault(table.HasColumn)
              ?? throw new DataProblemException(file.RelativePath, "header", $"none of the columns {string.Join(", ", ClinicalIdCandidates)} is present",
                  "name the patient id column with clinical_patient_column");
        var ids = table.Strings(column);
        var keep = new List<int>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
        {
            string? reason = null;
            string id = ids[i].Trim();
            if (id.Length == 0) reason = "the patient id is empty";
            else
            {
                id = map(ExpressionIngest.Classify(id, primaryOnly).Patient);
                if (seen.TryGetValue(id, out var first)) reason = $"patient '{id}' already appears in {table.RowLabel(first)}";
            }
            if (reason is null) { seen[id] = i; ids[i] = id; keep.Add(i); continue; }
            if (policy == BadRecordPolicy.Fail) throw new DataProblemException(file.RelativePath, table.RowLabel(i), reason, "keep one row per patient, with its id; or set on_error: skip");
            problems.Add(file.RelativePath, table.RowLabel(i), reason, "keep one row per patient, with its id");
        }
        var result = new Table().Add("patient_id", keep.Select(i => (string?)ids[i]).ToArray());
        foreach (var name in table.Table.ColumnNames.Where(n => n != column))
        {
            var text = table.Strings(name);
            bool numeric = keep.All(i => text[i].Trim() is "" or "NA" or "NaN" || double.TryParse(text[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
            var columnKind = ClinicalVocabulary.KindOf(name);
            // T and N coded as stage numbers (0/1 in the seed's tables: T1 vs T2+, node-negative vs positive) stay numbers.
            if (numeric && (columnKind is null || (columnKind is "t_stage" or "n_stage" && keep.All(i => ClinicalVocabulary.IsValid(columnKind, text[i].Trim())))))
            {
                result.Add(name, keep.Select(i => double.TryParse(text[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (double?)null).ToArray());
                continue;
            }
            var values = keep.Select(i => ClinicalVocabulary.IsMissing(text[i].Trim()) ? null : (string?)text[i].Trim()).ToArray();
            if (columnKind is { } kind)
            {
                // A column none of whose values fits is a different coding, not bad records: skipping would blank it silently.
                int firstPresent = Array.FindIndex(values, v => v is not null);
                if (firstPresent >= 0 && values.All(v => v is null || !ClinicalVocabulary.IsValid(kind, v)))
                    throw new DataProblemException(file.RelativePath, $"column '{name}'",
                        $"no value fits the {ClinicalVocabulary.Describe(kind)} vocabulary (first: '{values[firstPresent]}' in {table.RowLabel(keep[firstPresent])}); on_error: skip would blank the whole column",
                        "use " + ClinicalVocabulary.Expected(kind) + ", or rename the column if it holds another coding");
                for (int k = 0; k < values.Length; k++)
                {
                    if (values[k] is not { } value || ClinicalVocabulary.IsValid(kind, value)) continue;
                    string reason = $"column '{name}' has '{value}', outside the vocabulary", fix = "use " + ClinicalVocabulary.Expected(kind);
                    if (policy == BadRecordPolicy.Fail) throw new DataProblemException(file.RelativePath, table.RowLabel(keep[k]), reason, fix + "; or set on_error: skip to treat it as missing");
                    problems.Add(file.RelativePath, table.RowLabel(keep[k]), reason, fix, "set to missing");
                    values[k] = null;
                }
            }
            result.Add(name, values);
        }
        return result;
    }
}
