using Radiogenomics.Engine.Stages;
using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Plotting;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>preprocess.dce</c>: from the DICOM index of a fetch stage to the 2D tensors the deep-feature stage trains on.
/// Per patient it picks the T1-weighted DCE series and one post-contrast phase as Liu &amp; Hu 2023 did (the first
/// post-contrast phase by default; a multi-phase series is split by temporal position, trigger or acquisition
/// time first), applies a scanner filter, assembles a geometrically checked volume (rescaled, slices sorted
/// along the normal), and turns its slices into size × size tensors: intensity normalisation (divide-by-max as
/// the seed code, min–max or z-score) and an anti-aliased resize (or the seed's cubic zoom, which aliases).
/// Every excluded patient is listed with the reason, and the flowchart counts are printed.
/// </summary>
public sealed class PreprocessDceStage : TableStageKind<PreprocessDceOptions>
{
    public override string Name => "preprocess.dce";
    public override int Version => 4; // reads the fetch stage's index instead of every header
    public override string Summary => "Selects each patient's DCE post-contrast phase, assembles the volume and writes normalised 64×64 slice tensors.";
    public override IReadOnlyList<string> Consumes => ["dicom_series", "dicom_instances"];

    /// <summary>Tumour masks (patient_id, tumour_mask path to NIfTI) from a fetch stage, for tumour-centred slices.</summary>
    public override IReadOnlyList<string> OptionalConsumes => ["masks"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("tensors", "one row per image: patient_id, image_id, series, slice_index, pixels (size × size floats, row-major)"),
        new("selection", "per patient: chosen series, description, phase, slices"),
        new("exclusions", "per excluded patient: the reason (no DCE series, wrong scanner, only a pre-contrast phase, …)"),
        new("flowchart", "the exclusion flowchart: step, patients"),
        .. FigureOutputs.Specs("preview", "a sheet of preprocessed tensors of a few patients"),
    ];

    public override Task RunAsync(StageContext context, PreprocessDceOptions settings, CancellationToken cancellationToken)
    {
        var instances = ParquetFile.Read(context.Input("dicom_instances"));
        var paths = instances.GetStrings("path").Select(x => Path.GetFullPath(Path.Combine(context.WorkspaceRoot, x!))).ToList();
        var patients = instances.GetStrings("patient_id").Select(x => x!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var missing = paths.Where(path => !File.Exists(path)).Take(3).ToList();
        if (missing.Count > 0)
            throw new DataProblemException(missing[0], "DICOM index", "a file listed by the fetch stage is gone", "run the fetch stage again with --force to restore its files");

        // The fetch stage's index tables say everything selection needs; only the chosen phase's files are opened.
        var index = DicomIndexTables.Read(ParquetFile.Read(context.Input("dicom_series")), instances, context.WorkspaceRoot);
        if (settings.PhaseRule == PhaseRule.Description && settings.PhaseDescription.Length == 0)
            throw new DataProblemException(context.StageId, "phase_rule: description", "no phase_description is set", "set phase_description to a regular expression matching the post-contrast series description");
        var rule = new SeriesSelectionRule
        {
            Choice = settings.PhaseRule switch
            {
                PhaseRule.TemporalPosition => PhaseChoice.TemporalPositionIdentifier, PhaseRule.Description => PhaseChoice.SeriesDescription,
                PhaseRule.AcquisitionOrder => PhaseChoice.AcquisitionOrder, PhaseRule.PhaseIndex => PhaseChoice.PhaseIndex,
            },
            PhaseIndex = settings.PhaseIndex,
            TemporalPositionIdentifier = settings.TemporalPosition,
            PhaseDescriptionPattern = settings.PhaseDescription is { Length: > 0 } d ? d : null,
            ManufacturerPattern = settings.Manufacturer is { Length: > 0 } m ? m : null,
            FieldStrengthTesla = settings.FieldStrength > 0 ? settings.FieldStrength : null,
        };
        var result = SeriesSelector.Select(index, rule, patients);

        var options = new SliceTensorOptions
        {
            Slices = settings.Slices switch { SliceSelection.Central => SliceChoice.Central, SliceSelection.Tumour => SliceChoice.Tumour, SliceSelection.All => SliceChoice.All },
            CentralCount = settings.CentralSlices,
            Normalisation = settings.Normalisation switch
            {
                SliceNormalisation.MinMax => IntensityNormalisation.MinMax, SliceNormalisation.Zscore => IntensityNormalisation.ZScore,
                SliceNormalisation.None => IntensityNormalisation.None, SliceNormalisation.DivideByMax => IntensityNormalisation.DivideByMax,
            },
            Size = settings.Size,
            Resize = settings.Resize switch { SliceResize.SeedCubic => ResizeMethod.SeedCubic, SliceResize.AntiAliased => ResizeMethod.AntiAliased },
            PreserveAspect = settings.PreserveAspect,
            CropMillimetres = settings.CropMm,
        };
        bool needsMask = options.Slices != SliceChoice.All || options.CropMillimetres > 0;
        // Masks are resampled (nearest neighbour) onto each assembled volume's grid, so any orientation or slice order matches.
        var maskOf = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.HasInput("masks"))
        {
            var masks = ParquetFile.Read(context.Input("masks"));
            string column = masks.Contains("tumour_mask") ? "tumour_mask" : "path";
            foreach (var (patient, path) in masks.GetStrings("patient_id").Zip(masks.GetStrings(column)))
                if (patient is not null && path is not null) maskOf.TryAdd(patient, Path.Combine(context.WorkspaceRoot, path));
        }
        bool maskRequired = options.Slices == SliceChoice.Tumour || options.CropMillimetres > 0;
        if (maskRequired && maskOf.Count == 0)
            throw new DataProblemException(context.StageId, options.CropMillimetres > 0 ? "crop_mm" : "slices: tumour", "no tumour masks reach this stage",
                "add a fetch stage that provides masks to needs (fetch.synthetic, or fetch.local with inputs.masks), or use slices: all and crop_mm: 0");
        var selected = result.Selected.Where(s => !maskRequired || maskOf.ContainsKey(s.PatientId)).ToList();
        var exclusions = result.Exclusions.Concat(result.Selected.Except(selected).Select(s => new SeriesExclusion(s.PatientId, "no tumour mask"))).ToList();
        result = new SeriesSelectionResult(selected, exclusions);
        var perPatient = new IReadOnlyList<SliceTensor>[result.Selected.Count];
        int done = 0;
        Parallel.For(0, result.Selected.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var image = result.Selected[i].Assemble();
            if (settings.Resample != ResampleMethod.None)
                image = VolumeResampler.ToIsotropic(image, null, settings.Resample == ResampleMethod.Bspline ? VolumeInterpolation.BSpline : VolumeInterpolation.Linear);
            var mask = needsMask && maskOf.TryGetValue(result.Selected[i].PatientId, out var maskPath)
                ? VolumeResampler.ResampleMask(NiftiReader.Read(maskPath), image) : null;
            perPatient[i] = SliceTensorExtractor.Extract(image, mask, options);
            int n = Interlocked.Increment(ref done);
            context.Report(0.1 + 0.8 * n / result.Selected.Count, $"assembled {n}/{result.Selected.Count} volumes");
        });

        var rows = result.Selected.Select((s, i) => (Selection: s, Tensors: perPatient[i])).SelectMany(x => x.Tensors.Select(t => (x.Selection, Tensor: t))).ToList();
        ParquetFile.Write(new Table()
            .Add("patient_id", rows.Select(r => (string?)r.Selection.PatientId).ToArray())
            .Add("image_id", rows.Select(r => (string?)$"{r.Selection.PatientId}/s{r.Tensor.SliceIndex:000}").ToArray())
            .Add("series", rows.Select(r => (string?)r.Selection.Series.SeriesInstanceUid).ToArray())
            .Add("slice_index", rows.Select(r => r.Tensor.SliceIndex).ToArray())
            .Add("pixels", rows.Select(r => (float[]?)r.Tensor.Pixels).ToArray()), context.Output("tensors"));
        ParquetFile.Write(new Table()
            .Add("patient_id", result.Selected.Select(s => (string?)s.PatientId).ToArray())
            .Add("series_uid", result.Selected.Select(s => (string?)s.Series.SeriesInstanceUid).ToArray())
            .Add("series_description", result.Selected.Select(s => (string?)s.Series.SeriesDescription).ToArray())
            .Add("manufacturer", result.Selected.Select(s => (string?)s.Series.Manufacturer).ToArray())
            .Add("field_strength_t", result.Selected.Select(s => s.Series.MagneticFieldStrengthTesla).ToArray())
            .Add("phase_count", result.Selected.Select(s => s.PhaseCount).ToArray())
            .Add("images", perPatient.Select(t => t.Count).ToArray()), context.Output("selection"));
        ParquetFile.Write(new Table()
            .Add("patient_id", result.Exclusions.Select(e => (string?)e.PatientId).ToArray())
            .Add("reason", result.Exclusions.Select(e => (string?)e.Reason).ToArray()), context.Output("exclusions"));
        var steps = new List<(string Step, int Patients)> { ("patients with DICOM", patients.Count) };
        foreach (var reason in result.Exclusions.GroupBy(e => e.Reason.Split(':')[0]).OrderByDescending(g => g.Count()))
            steps.Add(($"excluded: {reason.Key}", -reason.Count()));
        steps.Add(("patients kept", result.Selected.Count));
        ParquetFile.Write(new Table().Add("step", steps.Select(s => (string?)s.Step).ToArray()).Add("patients", steps.Select(s => s.Patients).ToArray()), context.Output("flowchart"));
        context.Log(string.Join(" → ", steps.Select(s => $"{s.Step}: {Math.Abs(s.Patients)}")));

        var grid = new ImageGrid { Title = $"preprocessed {settings.Size}x{settings.Size} tensors", Columns = 6, Window = GridWindowMode.PerImageMinMax };
        foreach (var (selection, tensors) in result.Selected.Zip(perPatient).Take(4))
            foreach (var t in tensors.Where((_, k) => k % Math.Max(1, tensors.Count / 6) == 0).Take(6))
                grid.Add(new GreyImage(t.Size, t.Size, t.Pixels), $"{selection.PatientId} s{t.SliceIndex}");
        foreach (var path in FigureOutputs.Paths(context, "preview")) grid.Save(path);

        context.Record("patients_kept", result.Selected.Count);
        context.Record("patients_excluded", result.Exclusions.Count);
        context.Record("images", rows.Count);
        context.Report(1.0, $"{rows.Count} images of {result.Selected.Count} patients; {result.Exclusions.Count} patients excluded");
        return Task.CompletedTask;
    }
}
