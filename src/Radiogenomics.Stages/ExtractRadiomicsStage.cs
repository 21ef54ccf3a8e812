using System.Collections.Concurrent;
using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Radiomics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>extract.radiomics</c>: handcrafted IBSI features (Radiogenomics.Imaging.Radiomics, all 482 digital-phantom
/// reference values matched) of each patient's DCE phases in the tumour mask and a peritumoral ring, under
/// PyRadiomics' names (with its definitions) or IBSI's. The volume is assembled from the fetch stage's DICOM index
/// as preprocess.dce does; masks come from the fetch stage's masks table. Writes one row per (patient, region,
/// sequence) with PyRadiomics' diagnostics, and the patient-level feature table the association, classify and
/// survive stages read (one row per patient; columns region_sequence_feature when there are several of either).
/// </summary>
public sealed class ExtractRadiomicsStage : TableStageKind<ExtractRadiomicsOptions>
{
    private static readonly string[] PyRadiomicsFamilies =
    [
        MorphologyFeatures.Family, IntensityStatisticsFeatures.Family, IntensityHistogramFeatures.Family, GlcmFeatures.Family,
        GlrlmFeatures.Family, GlszmFeatures.Family, NgtdmFeatures.Family, NgldmFeatures.Family,
    ];

    public override string Name => "extract.radiomics";
    public override int Version => 1;
    public override string Summary => "IBSI-compliant handcrafted radiomics (PyRadiomics names) of tumour and peritumoral ring per DCE phase.";
    public override IReadOnlyList<string> Consumes => ["dicom_series", "dicom_instances", "masks"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("radiomics", "one row per (patient, region, sequence): patient_id, region, sequence, image_id, diagnostics_* and the features"),
        new("features", "image_id = patient_id, patient_id, one column per feature (region_sequence_ prefixed when there are several)"),
        new("feature_map", "feature, index: the feature columns (radiomics features sit in no network map)"),
        new("errors", "file, record, reason, fix, action: regions that gave no features (on_error: skip)"),
    ];

    public override Task RunAsync(StageContext context, ExtractRadiomicsOptions options, CancellationToken cancellationToken)
    {
        var regions = options.Regions.Select(r => r.Trim().ToLowerInvariant()).Distinct().ToList();
        var unknownRegion = regions.FirstOrDefault(r => r is not ("tumour" or "peritumoral"));
        if (regions.Count == 0 || unknownRegion is not null)
            throw new DataProblemException(context.StageId, "regions", $"'{unknownRegion}' is not a region", "use regions: [tumour], [peritumoral] or [tumour, peritumoral]");
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
        };

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

        var problems = new ProblemTable();
        var work = patients.Where(p => maskOf.ContainsKey(p) && phases.Any(ph => selections[ph].ContainsKey(p))).ToList();
        foreach (var p in patients.Except(work))
            problems.Add(maskOf.GetValueOrDefault(p, "masks"), $"patient {p}", maskOf.ContainsKey(p) ? "no DCE series with the requested phases" : "no tumour mask",
                maskOf.ContainsKey(p) ? "check the patient's DICOM series (see preprocess.dce's exclusions)" : "add the patient's mask to the fetch stage's masks", "excluded");

        var rows = new ConcurrentBag<(int Order, string Patient, string Region, string Sequence, List<(string, string)> Diagnostics, List<(string, double)> Values)>();
        var failures = new ConcurrentBag<DataProblem>();
        int done = 0;
        Parallel.For(0, work.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            string patient = work[i], maskPath = maskOf[patient];
            foreach (var phase in phases)
            {
                if (!selections[phase].TryGetValue(patient, out var selection)) continue;
                string sequence = $"phase{phase}";
                var image = selection.Assemble();
                ImageVolume mask;
                try
                {
                    var read = NiftiReader.Read(maskPath);
                    if (options.CorrectMask) mask = VolumeResampler.ResampleMask(read, image);
                    else
                    {
                        GeometryMismatchException.ThrowIfDifferent(image, read);
                        mask = read;
                    }
                }
                catch (GeometryMismatchException e)
                {
                    failures.Add(new DataProblem(maskPath, $"patient {patient}, {sequence}", e.Message,
                        options.CorrectMask ? "the mask reaches outside the image: check that it belongs to this series" : "set correct_mask: true to resample the mask onto the image grid, or export the mask on the image's grid"));
                    continue;
                }
                foreach (var region in regions)
                {
                    try
                    {
                        // Work on the tumour's neighbourhood only: the ring, the local-intensity sphere and a resampling voxel around it.
                        var tumour = RadiomicsExtractor.RegionMask(mask, options.Label == 0 ? null : options.Label);
                        var box = SubVolume.AroundMask(tumour, options.RingMm + LocalIntensityFeatures.SphereRadiusMm + options.ResampleMm + 1)!;
                        var tumourBox = box.Cut(tumour);
                        var regionMask = region == "tumour" ? tumourBox : PeritumoralRing.Create(tumourBox, options.RingMm);
                        var features = RadiomicsExtractor.Extract(box.Cut(image), regionMask, null, settings);
                        var values = pyradiomics
                            ? PyRadiomicsNames.Convert(features, image.Geometry.VoxelVolume)
                            : features.Select(f => (PyRadiomicsNames.IbsiKey(f), f.Value)).ToList();
                        rows.Add((i, patient, region, sequence, RadiomicsDiagnostics.Compute(image, regionMask, box), values));
                    }
                    catch (RoiProblemException e)
                    {
                        failures.Add(new DataProblem(maskPath, $"patient {patient}, region {region}, {sequence}", e.Message, e.Problem switch
                        {
                            RoiProblem.MissingLabel => "set label to one of the labels present, or label: 0 for every voxel > 0",
                            RoiProblem.Empty => "check that the mask belongs to this patient's series (or lower resample_mm, or widen ring_mm)",
                            RoiProblem.SingleVoxel => "a one-voxel region has no shape or texture: correct the mask, or leave the patient out with on_error: skip",
                        }));
                    }
                }
            }
            int n = Interlocked.Increment(ref done);
            context.Report((double)n / work.Count, $"radiomics of {n}/{work.Count} patients");
        });

        var problemsFound = failures.OrderBy(p => p.Record, StringComparer.Ordinal).ToList();
        if (problemsFound.Count > 0 && options.OnError == OnError.Fail) throw new DataProblemException(problemsFound);
        problems.AddRange(problemsFound);

        var ordered = rows.OrderBy(r => r.Order).ThenBy(r => regions.IndexOf(r.Region)).ThenBy(r => r.Sequence, StringComparer.Ordinal).ToList();
        WriteRegionTable(context.Output("radiomics"), ordered.Select(r => (r.Patient, r.Region, r.Sequence, r.Diagnostics, r.Values)).ToList());
        bool prefix = regions.Count > 1 || phases.Count > 1;
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

        context.Record("patients", patientIds.Length);
        context.Record("features", names.Count);
        context.Record("skipped_regions", problemsFound.Count);
        context.Report(1.0, $"{names.Count:N0} features of {patientIds.Length} patients ({ordered.Count} regions × sequences)" +
            (problems.Count > 0 ? $"; {problems.Count} patients or regions left out (errors table)" : ""));
        return Task.CompletedTask;
    }

    private static void WriteRegionTable(string path, List<(string Patient, string Region, string Sequence, List<(string Key, string Value)> Diagnostics, List<(string Key, double Value)> Values)> rows)
    {
        var table = new Table()
            .Add("patient_id", rows.Select(r => (string?)r.Patient).ToArray())
            .Add("region", rows.Select(r => (string?)r.Region).ToArray())
            .Add("sequence", rows.Select(r => (string?)r.Sequence).ToArray())
            .Add("image_id", rows.Select(r => (string?)$"{r.Patient}/{r.Region}/{r.Sequence}").ToArray());
        foreach (var key in rows.SelectMany(r => r.Diagnostics.Select(d => d.Key)).Distinct().ToList())
            table.Add(key, rows.Select(r => r.Diagnostics.FirstOrDefault(d => d.Key == key).Value).ToArray());
        var lookup = rows.Select(r => r.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal)).ToList();
        foreach (var key in rows.SelectMany(r => r.Values.Select(v => v.Key)).Distinct().ToList())
            table.Add(key, lookup.Select(l => l.TryGetValue(key, out var v) && double.IsFinite(v) ? v : (double?)null).ToArray());
        ParquetFile.Write(table, path);
    }
}
