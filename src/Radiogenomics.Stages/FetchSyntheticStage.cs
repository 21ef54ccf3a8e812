using System.Globalization;
using Radiogenomics.DataSources;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Synthetic;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>fetch.synthetic</c>: writes a reproducible synthetic breast DCE-MRI cohort with planted truth as real
/// files — DICOM series through GDCM in both TCGA-BRCA layouts (the whole dynamic in one series, or one series
/// per phase), NIfTI tumour masks, GDC STAR-counts files with a sample sheet, a count matrix, gene sets (GMT),
/// clinical and survival tables, and the truth table — into <c>directory</c>, then reads them back exactly as
/// <c>fetch.local</c> reads a user's folders. Everything follows from the seed.
/// </summary>
public sealed class FetchSyntheticStage : TableStageKind<FetchSyntheticOptions>
{
    public override string Name => "fetch.synthetic";
    public override int Version => 2;
    public override string Summary => "Generates the synthetic DCE-MRI + RNA-seq cohort with planted truth as DICOM, NIfTI and GDC files, and indexes it.";

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("dicom_series", "one row per DICOM series (as fetch.local)"),
        new("dicom_instances", "one row per DICOM file: path, SHA-256, UIDs, temporal position, slice position"),
        new("masks", "one row per patient: tumour mask and tissue-label NIfTI paths with SHA-256"),
        new("expression", "genes × patients counts read back from the STAR-counts files"),
        new("expression_samples", "each expression sample and the patient it was matched to"),
        new("clinical", "patient_id, age, ER, PR, HER2 (Positive, Negative, Equivocal), T and N (with some NA), and Null Label: a label independent of everything"),
        new("survival", "patient_id, OS (event), OS.time (days)"),
        new("gene_sets", "set, gene: the cohort's pathways (driver, partially overlapping and null sets)"),
        new("genes", "gene_id, gene_name, gene_type, length: the gene annotation (exon-union lengths, for TPM/FPKM in genomics.features)"),
        new("truth", "which genes and pathways drive which tumour property or clinical variable, with effect sizes"),
        new("patient_truth", "each patient's latent programme values, tumour parameters and acquisition"),
        new("patients", "every patient with the data it has"),
        new("errors", "problems met while reading the cohort back (none expected)"),
        .. FigureOutputs.Specs("preview", "middle slices of the first patients (pre-contrast, first and last post-contrast), read back from the DICOM files"),
    ];

    public override Task RunAsync(StageContext context, FetchSyntheticOptions options, CancellationToken cancellationToken)
    {
        var preset = options.Preset switch { SyntheticPreset.Small => CohortSpec.Small, SyntheticPreset.Default => CohortSpec.Default };
        int maxSlices = options.MaxSlices;
        var spec = preset with
        {
            Seed = (ulong)options.Seed,
            PatientCount = options.Patients > 0 ? options.Patients : preset.PatientCount,
            Rows = options.ImageSize,
            Columns = options.ImageSize,
            MaxSlices = maxSlices,
            MinSlices = Math.Clamp(maxSlices / 2, 8, preset.MinSlices),
        };
        spec.Validate();
        string name = $"{OptionChoices.Spelling(options.Preset)}-n{spec.PatientCount}-s{spec.Rows}-z{maxSlices}-seed{spec.Seed}";
        string target = Path.GetFullPath(Path.Combine(context.WorkspaceRoot, options.Directory, name));
        string partial = target + ".partial";
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);

        context.Report(0.01, $"simulating expression, clinical data and truth for {spec.PatientCount} patients");
        var cohort = SyntheticCohort.Generate(spec);
        CohortFileWriter.WriteNonImaging(cohort, partial);
        WriteImaging(cohort, partial, context, cancellationToken);

        // The folder appears whole or not at all; a previous copy of the same configuration is replaced.
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.Move(partial, target);

        context.Report(0.75, "hashing and indexing the written files");
        var files = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var sources = SourceFile.HashAll(context.WorkspaceRoot, files, cancellationToken);
        context.RecordWrittenFiles(sources); // later stages read these files: the engine checks them before reuse, Verify too
        List<SourceFile> Under(string folder) => sources.Where(s => s.FullPath.StartsWith(Path.Combine(target, folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();
        SourceFile One(string relative) => sources.Single(s => s.FullPath == Path.Combine(target, relative));

        var problems = new ProblemTable();
        var (series, instances, _) = DicomIndexTables.Build(Under("dicom"), context.WorkspaceRoot, problems, cancellationToken);
        context.Report(0.85, "reading the expression files back");
        var starFiles = Under(Path.Combine("expression", "gdc"));
        var (expression, samples) = ExpressionIngest.FromStarCounts(starFiles.ToDataFiles(), One(Path.Combine("expression", "gdc_sample_sheet.tsv")).ToDataFile(), StarCountsColumn.Unstranded, true, BadRecordPolicy.Fail);
        var clinical = FetchLocalStage.ReadClinical(One(Path.Combine("clinical", "clinical.tsv")), "Complete TCGA ID", true, id => id, problems, BadRecordPolicy.Fail);
        var survival = FetchLocalStage.ReadClinical(One(Path.Combine("clinical", "survival.tsv")), "_PATIENT", true, id => id, problems, BadRecordPolicy.Fail);

        ParquetFile.Write(series, context.Output("dicom_series"));
        ParquetFile.Write(instances, context.Output("dicom_instances"));
        var masks = Under("masks");
        var patientIds = cohort.Patients.Select(x => x.PatientId).ToList();
        ParquetFile.Write(new Table()
            .Add("patient_id", patientIds.Cast<string?>().ToArray())
            .Add("tumour_mask", patientIds.Select(id => (string?)masks.Single(m => m.FullPath.EndsWith(id + "_tumour.nii.gz", StringComparison.Ordinal)).RelativePath).ToArray())
            .Add("tumour_mask_sha256", patientIds.Select(id => (string?)masks.Single(m => m.FullPath.EndsWith(id + "_tumour.nii.gz", StringComparison.Ordinal)).Sha256).ToArray())
            .Add("tissue_labels", patientIds.Select(id => (string?)masks.SingleOrDefault(m => m.FullPath.EndsWith(id + "_tissue.nii.gz", StringComparison.Ordinal))?.RelativePath).ToArray()),
            context.Output("masks"));
        ParquetFile.Write(expression, context.Output("expression"));
        ParquetFile.Write(ExpressionSample.ToTable(samples), context.Output("expression_samples"));
        ParquetFile.Write(clinical, context.Output("clinical"));
        ParquetFile.Write(survival, context.Output("survival"));
        var setRows = cohort.GeneSets.SelectMany(s => s.Symbols.Select(g => (s.Name, g))).ToList();
        ParquetFile.Write(new Table().Add("set", setRows.Select(r => (string?)r.Name).ToArray()).Add("gene", setRows.Select(r => (string?)r.g).ToArray()), context.Output("gene_sets"));
        ParquetFile.Write(TypedTable(One(Path.Combine("expression", "genes.tsv"))), context.Output("genes"));
        ParquetFile.Write(TypedTable(One(Path.Combine("truth", "truth.tsv"))), context.Output("truth"));
        ParquetFile.Write(TypedTable(One(Path.Combine("truth", "patients.tsv"))), context.Output("patient_truth"));
        var imaged = series.GetStrings("patient_id").ToHashSet();
        ParquetFile.Write(new Table()
            .Add("patient_id", patientIds.Cast<string?>().ToArray())
            .Add("has_images", patientIds.Select(imaged.Contains).ToArray())
            .Add("has_expression", patientIds.Select(expression.Contains).ToArray())
            .Add("matched", patientIds.Select(id => imaged.Contains(id) && expression.Contains(id)).ToArray()), context.Output("patients"));
        ParquetFile.Write(problems.ToTable(), context.Output("errors"));
        SavePreview(instances, context.WorkspaceRoot, FigureOutputs.Paths(context, "preview"), patients: 4);

        context.Record("directory", Path.GetRelativePath(context.WorkspaceRoot, target));
        context.Record("patients", spec.PatientCount);
        context.Record("dicom_files", instances.RowCount);
        context.Report(1.0, $"{spec.PatientCount} patients, {series.RowCount} series, {instances.RowCount} DICOM files in {Path.GetRelativePath(context.WorkspaceRoot, target)}");
        return Task.CompletedTask;
    }

    /// <summary>DICOM per patient in the patient's layout, and its NIfTI masks; patients in parallel.</summary>
    private static void WriteImaging(SyntheticCohort cohort, string directory, StageContext context, CancellationToken cancellationToken)
    {
        var uids = DicomUidGenerator.Deterministic(cohort.Spec.Seed.ToString(CultureInfo.InvariantCulture));
        var writer = new MrSeriesWriter(uids, maxDegreeOfParallelism: 1); // parallel over patients already
        int done = 0;
        var studyDate = new DateOnly(2005, 1, 1);
        cohort.GenerateAllImaging(imaging =>
        {
            var patient = imaging.Patient;
            var g = imaging.Geometry;
            var start = TimeSpan.FromHours(9) + TimeSpan.FromMinutes(patient.Index % 300);
            var phases = imaging.Phases.Select(ph => new MrPhase
            {
                Pixels = MrVolumeData.FromUInt16(ph.Image.ToUInt16()),
                TemporalPositionIdentifier = ph.Index + 1,
                TriggerTime = ph.TriggerTimeSeconds * 1000,
                AcquisitionTime = start + TimeSpan.FromSeconds(ph.TriggerTimeSeconds),
            }).ToList();
            string study = uids.Create($"{patient.PatientId}/study");
            MrSeriesInfo Info(string key, int number, string description) => new()
            {
                PatientId = patient.PatientId, PatientName = patient.PatientId, PatientSex = "F",
                StudyInstanceUid = study, StudyDate = studyDate.AddDays(patient.Index), StudyTime = start, StudyDescription = "MRI BREAST BILATERAL",
                SeriesInstanceUid = uids.Create($"{patient.PatientId}/{key}"), SeriesNumber = number, SeriesDescription = description,
                FrameOfReferenceUid = uids.Create($"{patient.PatientId}/frame"), SliceThickness = patient.SliceThicknessMm,
                Manufacturer = patient.Scanner.Manufacturer, ManufacturerModelName = patient.Scanner.ModelName,
                MagneticFieldStrength = patient.Scanner.MagneticFieldStrength,
                EchoTime = patient.Scanner.EchoTimeMs, RepetitionTime = patient.Scanner.RepetitionTimeMs, FlipAngle = patient.Scanner.FlipAngleDegrees,
                ContrastBolusAgent = "GADOLINIUM", NumberOfTemporalPositions = phases.Count,
            };
            string root = Path.Combine(directory, "dicom", patient.PatientId);
            if (patient.Layout == SeriesLayout.DynamicInOneSeries)
                writer.Write(Path.Combine(root, "dynamic"), Info("dynamic", 600, patient.Scanner.SeriesDescription), g, phases, cancellationToken);
            else
                for (int k = 0; k < phases.Count; k++)
                    writer.Write(Path.Combine(root, $"phase{k}"), Info($"phase{k}", 600 + k, $"{patient.Scanner.SeriesDescription} {imaging.Phases[k].Label}"), g, [phases[k]], cancellationToken);
            WriteMasks(imaging, directory);
            int n = Interlocked.Increment(ref done);
            context.Report(0.05 + 0.65 * n / cohort.Patients.Count, $"wrote images of {n}/{cohort.Patients.Count} patients");
        }, cancellationToken: cancellationToken);
    }

    /// <summary>A patient's tumour mask and tissue-label volume as NIfTI-1 under masks/ (what fetch.local reads from users).</summary>
    private static void WriteMasks(PatientImaging imaging, string directory)
    {
        string MaskPath(string what) => Path.Combine(directory, "masks", $"{imaging.Patient.PatientId}_{what}.nii.gz");
        NiftiWriter.Write(MaskPath("tumour"), imaging.Geometry, imaging.TumourMask.Voxels, "tumour mask");
        NiftiWriter.Write(MaskPath("tissue"), imaging.Geometry, imaging.TissueLabels.Voxels, "tissue labels (TissueLabel)");
    }

    /// <summary>
    /// A sheet of middle slices decoded from the written DICOM files (not from memory), so it shows what a reader of
    /// the files sees: for each of the first patients the pre-contrast, first and last post-contrast phase.
    /// </summary>
    private static void SavePreview(Table instances, string workspaceRoot, IReadOnlyList<string> paths, int patients)
    {
        // Each Get… copies its column: read the four once, not once per row.
        var (patientIds, filePaths) = (instances.GetStrings("patient_id"), instances.GetStrings("path"));
        var (phaseColumn, positionColumn) = (instances.GetNullableInt32s("temporal_position"), instances.GetNullableDoubles("slice_position"));
        var rows = Enumerable.Range(0, instances.RowCount).Select(i => (
            Patient: patientIds[i]!, Path: filePaths[i]!, Phase: phaseColumn[i] ?? 1, Position: positionColumn[i] ?? 0)).ToList();
        var grid = new Plotting.ImageGrid { Title = "Synthetic cohort: middle slices read back from DICOM", Columns = 3, Window = Plotting.GridWindowMode.PerImagePercentile };
        foreach (var patient in rows.Select(r => r.Patient).Distinct().Order(StringComparer.Ordinal).Take(patients))
        {
            var mine = rows.Where(r => r.Patient == patient).ToList();
            var positions = mine.Select(r => r.Position).Distinct().Order().ToList();
            double middle = positions[positions.Count / 2];
            var phases = mine.Select(r => r.Phase).Distinct().Order().ToList();
            foreach (var (phase, label) in new[] { (phases[0], "pre"), (phases[1], "post 1"), (phases[^1], $"post {phases.Count - 1}") })
            {
                var file = mine.First(r => r.Phase == phase && r.Position == middle);
                var pixels = DicomFile.ReadPixels(Path.Combine(workspaceRoot, file.Path));
                grid.Add(new Plotting.GreyImage(pixels.Columns, pixels.Rows, pixels.RescaledValues), $"{patient} {label}");
            }
        }
        foreach (var path in paths) grid.Save(path);
    }

    /// <summary>A TSV with numbers where every cell is numeric (or missing), text otherwise.</summary>
    private static Table TypedTable(SourceFile file)
    {
        var tsv = TabularFile.Read(file.FullPath, file.RelativePath);
        var table = new Table();
        foreach (var column in tsv.Table.ColumnNames)
        {
            var text = tsv.Strings(column);
            bool numeric = text.All(t => t is "" or "NA" || double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            if (numeric) table.Add(column, text.Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null).ToArray());
            else table.Add(column, text.Select(t => t is "" or "NA" ? null : (string?)t).ToArray());
        }
        return table;
    }
}
