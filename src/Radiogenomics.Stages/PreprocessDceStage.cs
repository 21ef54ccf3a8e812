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
public sealed class PreprocessDceStage : TableStageKind
{
    public override string Name => "preprocess.dce";
    public override int Version => 3;
    public override string Summary => "Selects each patient's DCE post-contrast phase, assembles the volume and writes normalised 64×64 slice tensors.";
    public override IReadOnlyList<string> Consumes => ["dicom_instances"];

    /// <summary>Tumour masks (patient_id, tumour_mask path to NIfTI) from a fetch stage, for tumour-centred slices.</summary>
    public override IReadOnlyList<string> OptionalConsumes => ["masks"];

    public override IReadOnlyList<ParameterSpec> Parameters =>
    [
        ParameterSpec.Choice("phase_rule", "phase-index", "how the phase is chosen: phase-index (of the DCE series with the most phases), temporal-position (TemporalPositionIdentifier), description (SeriesDescription regular expression) or acquisition-order (all DCE phases by AcquisitionTime)",
            "phase-index", "temporal-position", "description", "acquisition-order"),
        ParameterSpec.Integer("phase_index", 1, "phase of the DCE series: 0 = pre-contrast, 1 = first post-contrast (the seed's choice)") with { Minimum = 0 },
        ParameterSpec.Integer("temporal_position", 2, "TemporalPositionIdentifier, for phase_rule: temporal-position") with { Minimum = 1 },
        ParameterSpec.String("phase_description", "", "regular expression on SeriesDescription, for phase_rule: description (e.g. post.*1|ph2)"),
        ParameterSpec.String("manufacturer", "", "scanner filter: regular expression on Manufacturer, e.g. ^GE (empty = any)"),
        ParameterSpec.Number("field_strength", 0, "scanner filter: MagneticFieldStrength in tesla, e.g. 1.5 (0 = any)") with { Minimum = 0 },
        ParameterSpec.Choice("resample", "none", "resample each volume to isotropic voxels (finest spacing) before slicing: none, linear or bspline", "none", "linear", "bspline"),
        ParameterSpec.Choice("slices", "all", "all slices (as the seed code), the slices where the tumour mask is present, or the central ones (of the tumour when a mask is given)", "all", "tumour", "central"),
        ParameterSpec.Integer("central_slices", 10, "how many central slices, for slices: central") with { Minimum = 1 },
        ParameterSpec.Choice("normalisation", "divide-by-max", "per-image intensity normalisation: divide-by-max (seed code), min-max, zscore, or none (rescaled DICOM values)", "divide-by-max", "min-max", "zscore", "none"),
        ParameterSpec.Integer("size", 64, "tensor size (size × size)") with { Minimum = 8, Maximum = 512 },
        ParameterSpec.Choice("resize", "anti-aliased", "anti-aliased (Lanczos-3 when shrinking) or seed-cubic (scipy zoom order 3, aliases; for faithful reproduction)", "anti-aliased", "seed-cubic"),
        ParameterSpec.Number("crop_mm", 0, "cut each slice to a square of this many mm centred on the tumour (mask centroid) before resizing; 0 keeps the whole slice (seed)") with { Minimum = 0 },
        ParameterSpec.Boolean("preserve_aspect", false, "keep the physical aspect ratio and pad, instead of stretching as the seed did"),
    ];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("tensors", "one row per image: patient_id, image_id, series, slice_index, pixels (size × size floats, row-major)"),
        new("selection", "per patient: chosen series, description, phase, slices"),
        new("exclusions", "per excluded patient: the reason (no DCE series, wrong scanner, only a pre-contrast phase, …)"),
        new("flowchart", "the exclusion flowchart: step, patients"),
        new("preview", "a sheet of preprocessed tensors of a few patients", ".png"),
    ];

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var p = context.Parameters;
        var instances = ParquetFile.Read(context.Input("dicom_instances"));
        var paths = instances.GetStrings("path").Select(x => Path.GetFullPath(Path.Combine(context.WorkspaceRoot, x!))).ToList();
        var patients = instances.GetStrings("patient_id").Select(x => x!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var missing = paths.Where(path => !File.Exists(path)).Take(3).ToList();
        if (missing.Count > 0)
            throw new StageInputException(missing[0], "DICOM index", "a file listed by the fetch stage is gone", "run the fetch stage again with --force to restore its files");

        context.Report(0.05, $"reading the headers of {paths.Count} DICOM files");
        var index = DicomSeriesIndex.Build(DicomIndexTables.CommonDirectory(paths), new DicomIndexOptions(), cancellationToken);
        var listed = paths.ToHashSet(StringComparer.Ordinal);
        string phaseRule = p.GetString("phase_rule");
        if (phaseRule == "description" && p.GetString("phase_description").Length == 0)
            throw new StageInputException(context.StageId, "phase_rule: description", "no phase_description is set", "set phase_description to a regular expression matching the post-contrast series description");
        var rule = new SeriesSelectionRule
        {
            Choice = phaseRule switch
            {
                "temporal-position" => PhaseChoice.TemporalPositionIdentifier, "description" => PhaseChoice.SeriesDescription,
                "acquisition-order" => PhaseChoice.AcquisitionOrder, _ => PhaseChoice.PhaseIndex,
            },
            PhaseIndex = p.GetInt32("phase_index"),
            TemporalPositionIdentifier = p.GetInt32("temporal_position"),
            PhaseDescriptionPattern = p.GetString("phase_description") is { Length: > 0 } d ? d : null,
            ManufacturerPattern = p.GetString("manufacturer") is { Length: > 0 } m ? m : null,
            FieldStrengthTesla = p.GetNumber("field_strength") > 0 ? p.GetNumber("field_strength") : null,
        };
        // The selector reads each series' file list: keep only the files the fetch stage listed (a glob may have taken part of a folder).
        var series = index.Series.Select(s => s with { FilePaths = s.FilePaths.Where(listed.Contains).ToList() }).Where(s => s.FilePaths.Count > 0).ToList();
        var result = SeriesSelector.Select(index with { Series = series }, rule, patients);

        var options = new SliceTensorOptions
        {
            Slices = p.GetString("slices") switch { "central" => SliceChoice.Central, "tumour" => SliceChoice.Tumour, _ => SliceChoice.All },
            CentralCount = p.GetInt32("central_slices"),
            Normalisation = p.GetString("normalisation") switch
            {
                "min-max" => IntensityNormalisation.MinMax, "zscore" => IntensityNormalisation.ZScore, "none" => IntensityNormalisation.None, _ => IntensityNormalisation.DivideByMax,
            },
            Size = p.GetInt32("size"),
            Resize = p.GetString("resize") == "seed-cubic" ? ResizeMethod.SeedCubic : ResizeMethod.AntiAliased,
            PreserveAspect = p.GetBoolean("preserve_aspect"),
            CropMillimetres = p.GetNumber("crop_mm"),
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
            throw new StageInputException(context.StageId, options.CropMillimetres > 0 ? "crop_mm" : "slices: tumour", "no tumour masks reach this stage",
                "add a fetch stage that provides masks to needs (fetch.synthetic, or fetch.local with inputs.masks), or use slices: all and crop_mm: 0");
        var selected = result.Selected.Where(s => !maskRequired || maskOf.ContainsKey(s.PatientId)).ToList();
        var exclusions = result.Exclusions.Concat(result.Selected.Except(selected).Select(s => new SeriesExclusion(s.PatientId, "no tumour mask"))).ToList();
        result = new SeriesSelectionResult(selected, exclusions);
        var perPatient = new IReadOnlyList<SliceTensor>[result.Selected.Count];
        int done = 0;
        Parallel.For(0, result.Selected.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var image = result.Selected[i].Assemble();
            if (p.GetString("resample") != "none")
                image = VolumeResampler.ToIsotropic(image, null, p.GetString("resample") == "bspline" ? VolumeInterpolation.BSpline : VolumeInterpolation.Linear);
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

        var grid = new ImageGrid { Title = $"preprocessed {options.Size}x{options.Size} tensors", Columns = 6, Window = GridWindowMode.PerImageMinMax };
        foreach (var (selection, tensors) in result.Selected.Zip(perPatient).Take(4))
            foreach (var t in tensors.Where((_, k) => k % Math.Max(1, tensors.Count / 6) == 0).Take(6))
                grid.Add(new GreyImage(t.Size, t.Size, t.Pixels), $"{selection.PatientId} s{t.SliceIndex}");
        grid.Save(context.Output("preview"));

        context.Record("patients_kept", result.Selected.Count);
        context.Record("patients_excluded", result.Exclusions.Count);
        context.Record("images", rows.Count);
        context.Report(1.0, $"{rows.Count} images of {result.Selected.Count} patients; {result.Exclusions.Count} patients excluded");
        return Task.CompletedTask;
    }
}
