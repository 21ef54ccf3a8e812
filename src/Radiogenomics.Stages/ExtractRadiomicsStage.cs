using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Masks;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Radiomics;
using Radiogenomics.Imaging.Radiomics.Filters;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>extract.radiomics</c>: handcrafted IBSI features (Radiogenomics.Imaging.Radiomics, all 482 digital-phantom
/// reference values matched) of each patient's DCE phases in the tumour mask and a peritumoral ring, under
/// PyRadiomics' names (with its definitions) or IBSI's. The volume is assembled from the fetch stage's DICOM index
/// as preprocess.dce does; masks come from the fetch stage's masks table (NIfTI, or DICOM SEG / RTSTRUCT placed on the
/// image's grid by position: <c>segment</c>, <c>roi</c>, <c>rtstruct_contours</c>; several named regions of one mask with
/// <c>mask_regions</c>). Writes one row per (patient, region,
/// sequence) with PyRadiomics' diagnostics, and the patient-level feature table the association, classify and
/// survive stages read (one row per patient; columns region_sequence_feature when there are several of either).
/// </summary>
/// <para>Image types (PyRadiomics' imageType: LoG σ list, coif1/haar wavelets, square, square root, logarithm,
/// exponential, gradient) come from <c>image_types</c> or a PyRadiomics parameter file (<c>inputs: {params: …}</c>);
/// cases from the DICOM index or a PyRadiomics batch CSV (<c>inputs: {batch: [cases.csv, images/*.nii.gz]}</c>);
/// voxel-based maps of chosen features are written as NIfTI files in the <c>voxel_maps</c> archive.</para>
public sealed class ExtractRadiomicsStage : TableStageKind<ExtractRadiomicsOptions>
{
    private static readonly string[] PyRadiomicsFamilies =
    [
        MorphologyFeatures.Family, IntensityStatisticsFeatures.Family, IntensityHistogramFeatures.Family, GlcmFeatures.Family,
        GlrlmFeatures.Family, GlszmFeatures.Family, NgtdmFeatures.Family, NgldmFeatures.Family,
    ];

    public override string Name => "extract.radiomics";
    public override int Version => 3;
    public override string Summary => "IBSI-compliant handcrafted radiomics (PyRadiomics names) of tumour and peritumoral ring per DCE phase.";
    /// <summary>The DICOM index and masks of a fetch stage; not needed when a batch CSV names the cases.</summary>
    public override IReadOnlyList<string> OptionalConsumes => ["dicom_series", "dicom_instances", "masks"];

    public override IReadOnlyList<InputSlotSpec> Inputs =>
    [
        new("params", "a PyRadiomics parameter file (setting, imageType, featureClass, voxelSetting); it replaces image_types, log_sigma_mm, wavelet, the discretisation, resample_mm and label", Required: false),
        new("batch", "a PyRadiomics batch CSV (Image, Mask, optional Label and ID; paths relative to it) and the files it names (NIfTI images; NIfTI, DICOM SEG or RTSTRUCT masks), so that their contents key the cache", Required: false),
    ];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("radiomics", "one row per (patient, region, sequence): patient_id, region, sequence, image_id, diagnostics_* and the features"),
        new("features", "image_id = patient_id, patient_id, one column per feature (region_sequence_ prefixed when there are several)"),
        new("feature_map", "feature, index: the feature columns (radiomics features sit in no network map)"),
        new("errors", "file, record, reason, fix, action: regions that gave no features (on_error: skip)"),
        new("voxel_maps", "a zip of NIfTI maps <patient>_<region>_<sequence>_<feature>.nii.gz of voxel_features (empty when none)", ".zip"),
    ];

    /// <summary>One image with its mask file: a DICOM phase of a patient, or a batch CSV row.</summary>
    /// <param name="FrameOfReference">The DICOM image series' FrameOfReferenceUID (null for NIfTI images), checked against DICOM masks.</param>
    private sealed record Case(int Order, string Patient, string Sequence, Func<ImageVolume> Image, string MaskPath, int? Label, IReadOnlyList<(string Column, string Value)> Other,
        Func<string?>? FrameOfReference = null);

    public override Task RunAsync(StageContext context, ExtractRadiomicsOptions options, CancellationToken cancellationToken)
    {
        var regions = options.Regions.Select(r => r.Trim().ToLowerInvariant()).Distinct().ToList();
        var unknownRegion = regions.FirstOrDefault(r => r is not ("tumour" or "peritumoral"));
        if (regions.Count == 0 || unknownRegion is not null)
            throw new DataProblemException(context.StageId, "regions", $"'{unknownRegion}' is not a region", "use regions: [tumour], [peritumoral] or [tumour, peritumoral]");
        var maskRegions = MaskRegions(context.StageId, options);
        if (maskRegions.Count > 0)
        {
            if (regions.Contains("peritumoral"))
                throw new DataProblemException(context.StageId, "mask_regions", "mask_regions replaces regions, and the peritumoral ring is drawn around the tumour region only",
                    "leave regions out with mask_regions (give a peritumoral region its own segment, ROI or label), or drop mask_regions");
            regions = maskRegions.Select(r => r.Name).ToList();
        }
        var families = options.Families.Count == 0 ? RadiomicsExtractor.AllFamilies.ToList() : options.Families.ToList();
        var unknownFamily = families.FirstOrDefault(f => !RadiomicsExtractor.AllFamilies.Contains(f));
        if (unknownFamily is not null)
            throw new DataProblemException(context.StageId, "families", $"'{unknownFamily}' is not an IBSI family", $"use some of: {string.Join(", ", RadiomicsExtractor.AllFamilies)}");
        var phases = options.Phases.Select(p => (int)p).Distinct().ToList();
        if (phases.Count == 0 || options.Phases.Any(p => p < 0 || p != Math.Floor(p)))
            throw new DataProblemException(context.StageId, "phases", "phases must be whole numbers ≥ 0", "e.g. phases: [1] (first post-contrast) or [0, 1]");
        bool pyradiomics = options.Names == RadiomicsNaming.Pyradiomics;
        var settings = new RadiomicsSettings
        {
            Spacing = options.ResampleMm > 0 ? (options.ResampleMm, options.ResampleMm, options.ResampleMm) : null,
            Discretisation = options.Discretisation switch
            {
                RadiomicsDiscretisation.FixedBinSize => DiscretisationMethod.FixedBinSize, RadiomicsDiscretisation.FixedBinNumber => DiscretisationMethod.FixedBinNumber,
            },
            BinWidth = options.BinWidth,
            BinCount = options.BinCount,
            BinEdges = options.PyradiomicsBinEdges ? BinEdgeRule.PyRadiomics : BinEdgeRule.Ibsi,
            // PyRadiomics' names need only its families and its 3-D aggregation.
            Families = pyradiomics ? families.Intersect(PyRadiomicsFamilies).ToHashSet() : families.ToHashSet(),
            TextureAggregations = pyradiomics ? new HashSet<string> { "3D averaged", "3D" } : null,
            MorphologyAutocorrelation = !pyradiomics,
        };
        var imageTypes = ImageTypes(context.StageId, options);
        int? label = options.Label == 0 ? null : options.Label;
        bool correctMask = options.CorrectMask;
        PyRadiomicsParameters? parameters = null;
        var paramFiles = context.InputFiles("params");
        if (paramFiles.Count > 1)
            throw new DataProblemException(context.StageId, "inputs.params", $"{paramFiles.Count} parameter files", "give one PyRadiomics parameter file");
        if (paramFiles.Count == 1)
        {
            parameters = PyRadiomicsParameters.Read(paramFiles[0].FullPath);
            var fileSettings = parameters.Settings;
            settings = fileSettings with
            {
                Families = pyradiomics ? (fileSettings.Families ?? PyRadiomicsFamilies.ToHashSet()) : fileSettings.Families,
                TextureAggregations = pyradiomics ? fileSettings.TextureAggregations : null, MorphologyAutocorrelation = !pyradiomics,
            };
            imageTypes = parameters.ImageTypes.Select(t => t.Settings is null || !pyradiomics ? t : t with { Settings = t.Settings with { Families = settings.Families } }).ToList();
            label = parameters.Label ?? label;
            correctMask = parameters.CorrectMask ?? correctMask;
            foreach (var note in parameters.Ignored) context.Log($"{paramFiles[0].RelativePath}: {note}");
        }
        if (!pyradiomics && imageTypes.Any(t => t.Kind != ImageTypeKind.Original))
            throw new DataProblemException(context.StageId, "names", "filtered image types are named the PyRadiomics way (wavelet-LLH_…)", "use names: pyradiomics with image_types other than original");
        double shift = parameters?.VoxelArrayShift ?? 0;
        var voxelSettings = parameters?.Voxel ?? new PyRadiomicsVoxelSettings(options.VoxelKernelRadius);
        var voxelFeatures = VoxelFeatureRequests(context.StageId, options, imageTypes, settings);

        var problems = new ProblemTable();
        var cases = context.InputFiles("batch").Count > 0
            ? BatchCases(context, phases, label)
            : DicomCases(context, phases, label, problems);
        if (cases.Count == 0 && problems.Count == 0)
            throw new DataProblemException(context.StageId, "inputs", "no cases: neither a batch CSV nor a fetch stage's DICOM index and masks", "add a fetch stage to needs, or give inputs: {batch: [cases.csv, images/*.nii.gz]}");

        var rows = new ConcurrentBag<(int Order, string Patient, string Region, string Sequence, IReadOnlyList<(string, string)> Other, List<(string, string)> Diagnostics, List<(string, double)> Values)>();
        var failures = new ConcurrentBag<DataProblem>();
        var maps = new ConcurrentBag<(string Name, ImageVolume Map)>();
        double margin = options.RingMm + LocalIntensityFeatures.SphereRadiusMm + options.ResampleMm + 1
            + imageTypes.SelectMany(t => t.Sigmas).Select(s => LaplacianOfGaussian.DefaultTruncate * s.Mm).DefaultIfEmpty(0).Max();
        int done = 0;
        Parallel.For(0, cases.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var c = cases[i];
            ImageVolume image, mask;
            // Per region: the mask it is cut from and the label selecting it (the peritumoral ring is drawn around "tumour").
            var regionSources = new Dictionary<string, (ImageVolume Mask, int? Label)>(StringComparer.Ordinal);
            try
            {
                image = c.Image();
                if (parameters is { Normalize: true }) image = Normalise(image, parameters.NormalizeScale, parameters.RemoveOutliers);
                if (!DicomMaskReader.IsNifti(c.MaskPath))
                {
                    // A SEG or RTSTRUCT is read onto the image's grid by position (an error says how far off it is); its mask is 0/1.
                    var choice = new MaskChoice
                    {
                        Segment = options.Segment.Length > 0 ? options.Segment : c.Label?.ToString(CultureInfo.InvariantCulture),
                        Roi = options.Roi.Length > 0 ? options.Roi : c.Label?.ToString(CultureInfo.InvariantCulture),
                        Contours = options.RtstructContours == RtStructContours.Or ? ContourCombination.Or : ContourCombination.Xor,
                    };
                    string? frame = c.FrameOfReference?.Invoke();
                    foreach (var (name, selector) in maskRegions)
                        regionSources[name] = (DicomMaskReader.Read(c.MaskPath, image.Geometry, choice with { Segment = selector, Roi = selector }, frame), null);
                    mask = maskRegions.Count > 0 ? regionSources[maskRegions[0].Name].Mask : DicomMaskReader.Read(c.MaskPath, image.Geometry, choice, frame);
                    c = c with { Label = null };
                }
                else if (correctMask) mask = VolumeResampler.ResampleMask(NiftiReader.Read(c.MaskPath), image);
                else
                {
                    var read = NiftiReader.Read(c.MaskPath);
                    GeometryMismatchException.ThrowIfDifferent(image, read);
                    mask = read;
                }
            }
            catch (DataProblemException e) when (e.Problems.All(p => p.File == c.MaskPath))
            {
                foreach (var p in e.Problems) failures.Add(p with { Record = $"patient {c.Patient}, {c.Sequence}: {p.Record}" });
                return;
            }
            catch (GeometryMismatchException e)
            {
                failures.Add(new DataProblem(c.MaskPath, $"patient {c.Patient}, {c.Sequence}", e.Message,
                    correctMask ? "the mask reaches outside the image: check that it belongs to this series" : "set correct_mask: true to resample the mask onto the image grid, or export the mask on the image's grid"));
                return;
            }
            if (maskRegions.Count == 0) regionSources["tumour"] = (mask, c.Label);
            foreach (var (name, selector) in maskRegions.Where(r => !regionSources.ContainsKey(r.Name)))
            {
                // A NIfTI mask: the selector is a label value.
                if (int.TryParse(selector, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0) regionSources[name] = (mask, value);
                else
                {
                    failures.Add(new DataProblem(c.MaskPath, $"patient {c.Patient}, region {name}", $"'{selector}' is not a label value of this NIfTI mask",
                        "for NIfTI masks give mask_regions label values, e.g. enhancing=1 (segment labels and ROI names are for SEG and RTSTRUCT masks)"));
                    return;
                }
            }
            double maxAbs = image.Voxels.Max(v => Math.Abs((double)v));
            foreach (var region in regions)
            {
                try
                {
                    // Work on the tumour's neighbourhood only: the ring, the local-intensity sphere, the LoG kernel and a resampling voxel around it.
                    var (regionSource, sourceLabel) = regionSources[region == "peritumoral" ? "tumour" : region];
                    var tumour = RadiomicsExtractor.RegionMask(regionSource, sourceLabel);
                    var box = SubVolume.AroundMask(tumour, margin)!;
                    var tumourBox = box.Cut(tumour);
                    var regionMask = region == "peritumoral" ? PeritumoralRing.Create(tumourBox, options.RingMm) : tumourBox;
                    var boxImage = box.Cut(image);
                    var values = new List<(string, double)>();
                    foreach (var filtered in RadiomicsExtractor.Extract(boxImage, regionMask, null, settings, imageTypes, maxAbs))
                    {
                        if (pyradiomics)
                            values.AddRange(PyRadiomicsNames.Convert(filtered.Features, filtered.VoxelVolume, filtered.ImageType, shift, filtered.RoiVoxels)
                                .Where(k => parameters is null || parameters.Selects(k.Key[(filtered.ImageType.Length + 1)..])));
                        else values.AddRange(filtered.Features.Select(f => (PyRadiomicsNames.IbsiKey(f), f.Value)));
                    }
                    rows.Add((c.Order, c.Patient, region, c.Sequence, c.Other, RadiomicsDiagnostics.Compute(image, regionMask, box), values));
                    foreach (var (imageType, names) in voxelFeatures)
                    {
                        var source = imageTypes.SelectMany(t => t.ImageNames().Contains(imageType) ? t.Apply(boxImage, maxAbs) : []).First(f => f.Name == imageType).Image;
                        foreach (var (feature, map) in VoxelFeatureMaps.Compute(source, regionMask, settings, voxelSettings, names, shift))
                            maps.Add(($"{c.Patient}_{region}_{c.Sequence}_{imageType}_{feature}", map));
                    }
                }
                catch (RoiProblemException e)
                {
                    failures.Add(new DataProblem(c.MaskPath, $"patient {c.Patient}, region {region}, {c.Sequence}", e.Message, e.Problem switch
                    {
                        RoiProblem.MissingLabel => "set label to one of the labels present, or label: 0 for every voxel > 0",
                        RoiProblem.Empty => "check that the mask belongs to this patient's series (or lower resample_mm, or widen ring_mm)",
                        RoiProblem.SingleVoxel => "a one-voxel region has no shape or texture: correct the mask, or leave the patient out with on_error: skip",
                    }));
                }
            }
            int n = Interlocked.Increment(ref done);
            context.Report((double)n / cases.Count, $"radiomics of {n}/{cases.Count} images");
        });

        var problemsFound = failures.OrderBy(p => p.Record, StringComparer.Ordinal).ToList();
        if (problemsFound.Count > 0 && options.OnError == OnError.Fail) throw new DataProblemException(problemsFound);
        problems.AddRange(problemsFound);

        var ordered = rows.OrderBy(r => r.Order).ThenBy(r => regions.IndexOf(r.Region)).ThenBy(r => r.Sequence, StringComparer.Ordinal).ToList();
        WriteRegionTable(context.Output("radiomics"), ordered.Select(r => (r.Patient, r.Region, r.Sequence, r.Other, r.Diagnostics, r.Values)).ToList());
        bool prefix = regions.Count > 1 || cases.Select(c => c.Sequence).Distinct().Count() > 1;
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var perPatient = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var r in ordered)
        {
            var target = perPatient.TryGetValue(r.Patient, out var d) ? d : perPatient[r.Patient] = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (key, value) in r.Values)
            {
                string name = prefix ? $"{r.Region}_{r.Sequence}_{key}" : key;
                if (seen.Add(name)) names.Add(name);
                target[name] = value;
            }
        }
        var patientIds = perPatient.Keys.ToArray();
        var columns = names.Select(n => patientIds.Select(p => perPatient[p].GetValueOrDefault(n, double.NaN)).ToArray()).ToArray();
        new FeatureTable(new FeatureMatrix(patientIds, patientIds, names, columns), new FeatureLayout(names, names.Select(_ => (FeatureMapPosition?)null).ToList()))
            .Write(context.Output("features"), context.Output("feature_map"));
        ParquetFile.Write(problems.ToTable(), context.Output("errors"));
        WriteMaps(context.Output("voxel_maps"), Path.Combine(context.ScratchDirectory, "maps"), maps.OrderBy(m => m.Name, StringComparer.Ordinal).ToList());

        context.Record("patients", patientIds.Length);
        context.Record("features", names.Count);
        context.Record("image_types", string.Join(", ", imageTypes.SelectMany(t => t.ImageNames())));
        context.Record("skipped_regions", problemsFound.Count);
        context.Record("voxel_maps", maps.Count);
        context.Report(1.0, $"{names.Count:N0} features of {patientIds.Length} patients ({ordered.Count} regions × sequences)" +
            (maps.IsEmpty ? "" : $", {maps.Count} voxel maps") +
            (problems.Count > 0 ? $"; {problems.Count} patients or regions left out (errors table)" : ""));
        return Task.CompletedTask;
    }

    /// <summary>mask_regions as (name, selector) pairs: names are lower-case identifiers, distinct, not "peritumoral".</summary>
    private static List<(string Name, string Selector)> MaskRegions(string stageId, ExtractRadiomicsOptions options)
    {
        var parsed = new List<(string Name, string Selector)>();
        foreach (var entry in options.MaskRegions)
        {
            int at = entry.IndexOf('=', StringComparison.Ordinal);
            string name = at > 0 ? entry[..at].Trim().ToLowerInvariant() : "", selector = at > 0 ? entry[(at + 1)..].Trim() : "";
            if (name.Length == 0 || selector.Length == 0 || !name.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_') || name == "peritumoral")
                throw new DataProblemException(stageId, "mask_regions", $"'{entry}' is not name=selector with a name of lower-case letters, digits and _ (not 'peritumoral')",
                    "e.g. mask_regions: [enhancing=1, oedema=2] (segment numbers or labels, ROI names or numbers, NIfTI label values)");
            if (parsed.Any(p => p.Name == name))
                throw new DataProblemException(stageId, "mask_regions", $"region '{name}' is named twice", "give each region its own name");
            parsed.Add((name, selector));
        }
        return parsed;
    }

    /// <summary>The image types of the options (the parameter file, when given, replaces them).</summary>
    private static List<RadiomicsImageType> ImageTypes(string stageId, ExtractRadiomicsOptions options)
    {
        var types = new List<RadiomicsImageType>();
        foreach (var raw in options.ImageTypes)
        {
            string name = raw.Trim().ToLowerInvariant();
            types.Add(name switch
            {
                "original" => RadiomicsImageType.Original,
                "log" when options.LogSigmaMm.Count == 0 => throw new DataProblemException(stageId, "log_sigma_mm", "image type log needs its σ list", "add e.g. log_sigma_mm: [1, 2, 3] (mm)"),
                "log" when options.LogSigmaMm.Any(s => !(s > 0)) => throw new DataProblemException(stageId, "log_sigma_mm", "every σ must be > 0 mm", "e.g. log_sigma_mm: [1, 2, 3]"),
                "log" => RadiomicsImageType.LoG([.. options.LogSigmaMm]),
                "wavelet" when !UndecimatedWavelet.Wavelets.Contains(options.Wavelet) =>
                    throw new DataProblemException(stageId, "wavelet", $"wavelet '{options.Wavelet}' is not implemented", $"use one of: {string.Join(", ", UndecimatedWavelet.Wavelets)}"),
                "wavelet" => new RadiomicsImageType(ImageTypeKind.Wavelet) { Wavelet = options.Wavelet },
                "square" => new RadiomicsImageType(ImageTypeKind.Square),
                "squareroot" => new RadiomicsImageType(ImageTypeKind.SquareRoot),
                "logarithm" => new RadiomicsImageType(ImageTypeKind.Logarithm),
                "exponential" => new RadiomicsImageType(ImageTypeKind.Exponential),
                "gradient" => new RadiomicsImageType(ImageTypeKind.Gradient),
                _ => throw new DataProblemException(stageId, "image_types", $"'{raw}' is not an image type", "use some of: original, log, wavelet, square, squareroot, logarithm, exponential, gradient"),
            });
        }
        if (types.Count == 0) throw new DataProblemException(stageId, "image_types", "no image type", "e.g. image_types: [original] or [original, wavelet]");
        return types;
    }

    /// <summary>voxel_features grouped by image type: "original_firstorder_Mean" → ("original", ["firstorder_Mean"]).</summary>
    private static List<(string ImageType, List<string> Features)> VoxelFeatureRequests(string stageId, ExtractRadiomicsOptions options, List<RadiomicsImageType> imageTypes, RadiomicsSettings settings)
    {
        if (options.VoxelFeatures.Count == 0) return [];
        if (settings.Spacing is not null)
            throw new DataProblemException(stageId, "voxel_features", "voxel maps are written on the image's own grid", "set resample_mm: 0 (and no resampledPixelSpacing) to write voxel maps");
        var produced = imageTypes.SelectMany(t => t.ImageNames()).ToList();
        var keys = PyRadiomicsNames.Keys().ToHashSet(StringComparer.Ordinal);
        var requests = new List<(string, List<string>)>();
        foreach (var full in options.VoxelFeatures.Distinct())
        {
            string? type = produced.Where(p => full.StartsWith(p + "_", StringComparison.Ordinal)).OrderByDescending(p => p.Length).FirstOrDefault();
            string feature = type is null ? "" : full[(type.Length + 1)..];
            if (type is null || !keys.Contains(feature))
                throw new DataProblemException(stageId, "voxel_features", $"'{full}' is not a feature of the extracted images ({string.Join(", ", produced.Take(3))}…)",
                    "name it as PyRadiomics does, <image type>_<class>_<feature>, e.g. original_firstorder_Mean or wavelet-LLH_glcm_Contrast");
            var group = requests.FirstOrDefault(r => r.Item1 == type);
            if (group.Item2 is null) requests.Add((type, [feature]));
            else group.Item2.Add(feature);
        }
        return requests;
    }

    private static List<Case> DicomCases(StageContext context, List<int> phases, int? label, ProblemTable problems)
    {
        if (!context.HasInput("dicom_instances") || !context.HasInput("dicom_series") || !context.HasInput("masks")) return [];
        var instances = ParquetFile.Read(context.Input("dicom_instances"));
        var patients = instances.GetStrings("patient_id").Select(x => x!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = DicomIndexTables.Read(ParquetFile.Read(context.Input("dicom_series")), instances, context.WorkspaceRoot);
        var selections = phases.ToDictionary(p => p, p => SeriesSelector.Select(index, new SeriesSelectionRule { PhaseIndex = p }, patients)
            .Selected.ToDictionary(s => s.PatientId, StringComparer.Ordinal));
        var masks = ParquetFile.Read(context.Input("masks"));
        string maskColumn = masks.Contains("tumour_mask") ? "tumour_mask" : "path";
        var maskOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (patient, path) in masks.GetStrings("patient_id").Zip(masks.GetStrings(maskColumn)))
            if (patient is not null && path is not null) maskOf.TryAdd(patient, Path.Combine(context.WorkspaceRoot, path));

        var work = patients.Where(p => maskOf.ContainsKey(p) && phases.Any(ph => selections[ph].ContainsKey(p))).ToList();
        foreach (var p in patients.Except(work))
            problems.Add(maskOf.GetValueOrDefault(p, "masks"), $"patient {p}", maskOf.ContainsKey(p) ? "no DCE series with the requested phases" : "no tumour mask",
                maskOf.ContainsKey(p) ? "check the patient's DICOM series (see preprocess.dce's exclusions)" : "add the patient's mask to the fetch stage's masks", "excluded");
        var cases = new List<Case>();
        foreach (var (patient, order) in work.Select((p, i) => (p, i)))
            foreach (var phase in phases)
                if (selections[phase].TryGetValue(patient, out var selection))
                    cases.Add(new Case(order, patient, $"phase{phase}", selection.Assemble, maskOf[patient], label, [],
                        () => selection.Files.Count > 0 ? DicomFile.ReadHeader(selection.Files[0]).FrameOfReferenceUid : null));
        return cases;
    }

    /// <summary>The batch CSV's cases; every image and mask it names must be among the slot's files (hashed into the cache key).</summary>
    private static List<Case> BatchCases(StageContext context, List<int> phases, int? label)
    {
        var files = context.InputFiles("batch");
        var csvs = files.Where(f => f.FullPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToList();
        if (csvs.Count != 1)
            throw new DataProblemException(context.StageId, "inputs.batch", $"{csvs.Count} CSV files among the batch input", "give one batch CSV (Image, Mask[, Label]) and the NIfTI files it names");
        var listed = files.Select(f => f.FullPath).ToHashSet(StringComparer.Ordinal);
        var cases = new List<Case>();
        foreach (var (c, order) in PyRadiomicsBatch.Read(csvs[0].FullPath).Select((c, i) => (c, i)))
        {
            foreach (var (path, isMask) in new[] { (c.Image, false), (c.Mask, true) })
            {
                if (!File.Exists(path))
                    throw new DataProblemException(csvs[0].FullPath, c.Record, $"{Path.GetRelativePath(context.WorkspaceRoot, path)} does not exist", "fix the path (relative paths are from the CSV's folder)");
                if (!listed.Contains(path))
                    throw new DataProblemException(csvs[0].FullPath, c.Record, $"{Path.GetRelativePath(context.WorkspaceRoot, path)} is not among the batch input's files, so a change to it would not rerun the stage",
                        "list it (or a pattern matching it) under inputs.batch, e.g. batch: [cases.csv, images/*.nii.gz]");
                // Masks may also be DICOM SEG or RTSTRUCT files (read onto the image's grid); images are NIfTI.
                if (!isMask && !DicomMaskReader.IsNifti(path))
                    throw new DataProblemException(csvs[0].FullPath, c.Record, $"{Path.GetFileName(path)} is not NIfTI", "convert it to .nii or .nii.gz (e.g. with dcm2niix or SimpleITK)");
            }
            string image = c.Image;
            cases.Add(new Case(order, c.Id, "image", () => NiftiReader.Read(image), c.Mask, c.Label ?? label, c.Other));
        }
        return cases;
    }

    /// <summary>PyRadiomics' normalize: z-score over the whole image, clipped at ± removeOutliers SDs, × scale.</summary>
    private static ImageVolume Normalise(ImageVolume image, double scale, double? outliers)
    {
        double mean = image.Voxels.Average(v => (double)v);
        double sd = Math.Sqrt(image.Voxels.Average(v => (v - mean) * (v - mean)));
        if (!(sd > 0)) return image.WithVoxels(new float[image.Voxels.Length]);
        return image.WithVoxels(image.Voxels.Select(v =>
        {
            double z = (v - mean) / sd;
            if (outliers is double k) z = Math.Clamp(z, -k, k);
            return (float)(z * scale);
        }).ToArray());
    }

    /// <summary>The maps as .nii.gz entries of one zip, entries in name order with a fixed time so that equal maps give equal bytes.</summary>
    private static void WriteMaps(string path, string scratch, List<(string Name, ImageVolume Map)> maps)
    {
        Directory.CreateDirectory(scratch);
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        foreach (var (name, map) in maps)
        {
            string file = Path.Combine(scratch, name + ".nii.gz");
            NiftiWriter.Write(file, map, name.Length > 79 ? name[..79] : name);
            var entry = zip.CreateEntry(name + ".nii.gz", CompressionLevel.NoCompression);
            entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var target = entry.Open();
            using var source = File.OpenRead(file);
            source.CopyTo(target);
        }
    }

    private static void WriteRegionTable(string path, List<(string Patient, string Region, string Sequence, IReadOnlyList<(string Column, string Value)> Other, List<(string Key, string Value)> Diagnostics, List<(string Key, double Value)> Values)> rows)
    {
        var table = new Table()
            .Add("patient_id", rows.Select(r => (string?)r.Patient).ToArray())
            .Add("region", rows.Select(r => (string?)r.Region).ToArray())
            .Add("sequence", rows.Select(r => (string?)r.Sequence).ToArray())
            .Add("image_id", rows.Select(r => (string?)$"{r.Patient}/{r.Region}/{r.Sequence}").ToArray());
        // A batch CSV's other columns, copied through as PyRadiomics does.
        foreach (var column in rows.SelectMany(r => r.Other.Select(o => o.Column)).Distinct().Where(c => !table.Contains(c)).ToList())
            table.Add(column, rows.Select(r => (string?)r.Other.FirstOrDefault(o => o.Column == column).Value).ToArray());
        foreach (var key in rows.SelectMany(r => r.Diagnostics.Select(d => d.Key)).Distinct().ToList())
            table.Add(key, rows.Select(r => r.Diagnostics.FirstOrDefault(d => d.Key == key).Value).ToArray());
        var lookup = rows.Select(r => r.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal)).ToList();
        foreach (var key in rows.SelectMany(r => r.Values.Select(v => v.Key)).Distinct().ToList())
            table.Add(key, lookup.Select(l => l.TryGetValue(key, out var v) && double.IsFinite(v) ? v : (double?)null).ToArray());
        ParquetFile.Write(table, path);
    }
}
