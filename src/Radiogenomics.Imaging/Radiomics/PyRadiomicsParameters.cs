using System.Globalization;
using Radiogenomics.Imaging.Preprocessing;
using YamlDotNet.RepresentationModel;

namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// A PyRadiomics parameter file (<c>setting</c>, <c>imageType</c>, <c>featureClass</c>, <c>voxelSetting</c>) read
/// into our settings. Every key PyRadiomics documents is either mapped, accepted with no effect here (said in
/// <see cref="Ignored"/>), or refused when its value asks for something this implementation does not do; an unknown
/// key is an error naming the key, the file and the line. PyRadiomics' conventions become settings: fixed bin size
/// with its bin-edge rule, 3-D texture (IBSI "3D averaged" GLCM/GLRLM), kurtosis + 3 under its names.
/// </summary>
public sealed record PyRadiomicsParameters
{
    public required string File { get; init; }

    /// <summary>The <c>setting</c> section as our settings (the defaults for every image type).</summary>
    public required RadiomicsSettings Settings { get; init; }

    /// <summary>Image types in file order; only <c>Original</c> when the file has no <c>imageType</c>.</summary>
    public required IReadOnlyList<RadiomicsImageType> ImageTypes { get; init; }

    /// <summary>Class → feature names (empty = every non-deprecated feature of the class); null: every class (no <c>featureClass</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? FeatureClasses { get; init; }

    /// <summary>PyRadiomics' <c>label</c>: the mask value of the region; null when the file does not set it.</summary>
    public int? Label { get; init; }

    /// <summary>Added to intensities for Energy, TotalEnergy and RootMeanSquared (PyRadiomics' voxelArrayShift).</summary>
    public double VoxelArrayShift { get; init; }

    /// <summary>z-score the whole image before anything else (PyRadiomics' normalize), then × <see cref="NormalizeScale"/>.</summary>
    public bool Normalize { get; init; }

    public double NormalizeScale { get; init; } = 1;

    /// <summary>After normalising, clip at ± this many SDs (PyRadiomics' removeOutliers).</summary>
    public double? RemoveOutliers { get; init; }

    public bool? CorrectMask { get; init; }

    public PyRadiomicsVoxelSettings Voxel { get; init; } = new();

    /// <summary>Keys accepted with no effect here, with the reason, for the log.</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>The PyRadiomics feature classes and the IBSI families each needs.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ClassFamilies = new Dictionary<string, string[]>
    {
        ["firstorder"] = [IntensityStatisticsFeatures.Family, IntensityHistogramFeatures.Family],
        ["shape"] = [MorphologyFeatures.Family],
        ["glcm"] = [GlcmFeatures.Family],
        ["glrlm"] = [GlrlmFeatures.Family],
        ["glszm"] = [GlszmFeatures.Family],
        ["gldm"] = [NgldmFeatures.Family],
        ["ngtdm"] = [NgtdmFeatures.Family],
    };

    /// <summary>PyRadiomics features this implementation does not compute (2-D diameters, MCC, deprecated ones).</summary>
    private static readonly HashSet<string> NotComputed =
    [
        "shape_Maximum2DDiameterSlice", "shape_Maximum2DDiameterColumn", "shape_Maximum2DDiameterRow", "glcm_MCC",
        "firstorder_StandardDeviation", "shape_Compactness1", "shape_Compactness2", "shape_SphericalDisproportion",
        "glcm_Dissimilarity", "glcm_Homogeneity1", "glcm_Homogeneity2", "glcm_SumVariance",
        "gldm_GrayLevelNonUniformityNormalized", "gldm_DependencePercentage",
    ];

    /// <summary>IBSI families the selected classes need.</summary>
    public IReadOnlySet<string> Families() =>
        (FeatureClasses?.Keys ?? ClassFamilies.Keys).SelectMany(c => ClassFamilies[c]).ToHashSet();

    /// <summary>Whether a PyRadiomics key without its image-type prefix (<c>glcm_Contrast</c>) is selected by <c>featureClass</c>.</summary>
    public bool Selects(string classAndFeature)
    {
        if (FeatureClasses is null) return true;
        int cut = classAndFeature.IndexOf('_');
        return FeatureClasses.TryGetValue(classAndFeature[..cut], out var names) && (names.Count == 0 || names.Contains(classAndFeature[(cut + 1)..]));
    }

    public static PyRadiomicsParameters Read(string path)
    {
        if (!System.IO.File.Exists(path))
            throw new DataProblemException(path, "file", "the PyRadiomics parameter file does not exist", "check the path (relative paths are from the workspace root)");
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new DataProblemException(path, $"line {e.Start.Line}", $"not valid YAML: {e.Message}", "fix the YAML syntax (PyRadiomics' own files are YAML maps of maps)");
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new DataProblemException(path, "file", "the file is empty or not a map", "write a map with some of: setting, imageType, featureClass, voxelSetting");
        return new Parser(path).Parse(root);
    }

    /// <summary>One file's parse: settings accumulate in a mutable state, each section validated key by key.</summary>
    private sealed class Parser(string path)
    {
        private readonly List<string> _ignored = [];

        private sealed class State
        {
            public RadiomicsSettings Settings = new()
            {
                Discretisation = DiscretisationMethod.FixedBinSize, BinWidth = 25, BinEdges = BinEdgeRule.PyRadiomics,
                TextureAggregations = new HashSet<string> { "3D averaged", "3D" }, MaskInterpolation = VolumeInterpolation.NearestNeighbour,
                ImageInterpolation = VolumeInterpolation.BSpline, MorphologyAutocorrelation = false,
            };
            public int? Label;
            public double Shift;
            public bool Normalize;
            public double Scale = 1;
            public double? Outliers;
            public bool? CorrectMask;
            public IReadOnlyList<(double, string)> Sigmas = [];
            public string Wavelet = "coif1";
            public bool GradientSpacing = true;
            public State Clone() => (State)MemberwiseClone();
        }

        public PyRadiomicsParameters Parse(YamlMappingNode root)
        {
            var state = new State();
            var imageTypes = new List<RadiomicsImageType>();
            Dictionary<string, IReadOnlyList<string>>? classes = null;
            var voxel = new PyRadiomicsVoxelSettings();
            var sections = root.Children.ToDictionary(kv => Key(kv.Key), kv => kv);
            foreach (var (name, (keyNode, _)) in sections)
                if (name is not ("setting" or "imageType" or "featureClass" or "voxelSetting"))
                    throw Problem(keyNode, $"'{name}' is not a section of a PyRadiomics parameter file", "use setting, imageType, featureClass and voxelSetting (case-sensitive)");
            if (sections.TryGetValue("setting", out var settingSection)) Apply(Map(settingSection.Value, "setting"), state);
            if (sections.TryGetValue("imageType", out var typeSection))
            {
                foreach (var (k, v) in Map(typeSection.Value, "imageType").Children)
                {
                    string type = Key(k);
                    var typed = state.Clone();
                    if (v is YamlMappingNode overrides) Apply(overrides, typed);
                    else if (!(v is YamlScalarNode { Value: null or "" or "~" or "null" }))
                        throw Problem(v, $"imageType '{type}' must map to settings ({{}} for none)", $"write '{type}: {{}}' or '{type}: {{binWidth: 10}}'");
                    imageTypes.Add(ImageType(k, type, typed, state));
                }
            }
            else imageTypes.Add(RadiomicsImageType.Original);
            if (sections.TryGetValue("featureClass", out var classSection)) classes = Classes(Map(classSection.Value, "featureClass"));
            if (sections.TryGetValue("voxelSetting", out var voxelSection)) voxel = Voxel(Map(voxelSection.Value, "voxelSetting"));
            var families = classes is null ? null : classes.Keys.SelectMany(c => ClassFamilies[c]).ToHashSet();
            return new PyRadiomicsParameters
            {
                File = path,
                Settings = state.Settings with { Families = families },
                ImageTypes = imageTypes.Select(t => t.Settings is null ? t : t with { Settings = t.Settings with { Families = families } }).ToList(),
                FeatureClasses = classes,
                Label = state.Label, VoxelArrayShift = state.Shift, Normalize = state.Normalize, NormalizeScale = state.Scale,
                RemoveOutliers = state.Outliers, CorrectMask = state.CorrectMask, Voxel = voxel, Ignored = _ignored,
            };
        }

        private RadiomicsImageType ImageType(YamlNode at, string type, State typed, State defaults)
        {
            var settings = ReferenceEquals(typed.Settings, defaults.Settings) || typed.Settings == defaults.Settings ? null : typed.Settings;
            return type switch
            {
                "Original" => new RadiomicsImageType(ImageTypeKind.Original) { Settings = settings },
                "LoG" when typed.Sigmas.Count == 0 => throw Problem(at, "LoG needs its sigma list", "write e.g. 'LoG: {sigma: [1.0, 2.0, 3.0]}' (mm)"),
                "LoG" => new RadiomicsImageType(ImageTypeKind.LoG) { Sigmas = typed.Sigmas, Settings = settings },
                "Wavelet" => new RadiomicsImageType(ImageTypeKind.Wavelet) { Wavelet = typed.Wavelet, Settings = settings },
                "Square" => new RadiomicsImageType(ImageTypeKind.Square) { Settings = settings },
                "SquareRoot" => new RadiomicsImageType(ImageTypeKind.SquareRoot) { Settings = settings },
                "Logarithm" => new RadiomicsImageType(ImageTypeKind.Logarithm) { Settings = settings },
                "Exponential" => new RadiomicsImageType(ImageTypeKind.Exponential) { Settings = settings },
                "Gradient" => new RadiomicsImageType(ImageTypeKind.Gradient) { GradientUseSpacing = typed.GradientSpacing, Settings = settings },
                "LBP2D" or "LBP3D" => throw Problem(at, $"image type '{type}' (local binary patterns) is not implemented", "leave it out; the other PyRadiomics image types are"),
                _ => throw Problem(at, $"'{type}' is not a PyRadiomics image type", "use Original, LoG, Wavelet, Square, SquareRoot, Logarithm, Exponential or Gradient (case-sensitive)"),
            };
        }

        private void Apply(YamlMappingNode map, State s)
        {
            foreach (var (k, v) in map.Children)
            {
                string key = Key(k);
                switch (key)
                {
                    case "binWidth": s.Settings = s.Settings with { Discretisation = DiscretisationMethod.FixedBinSize, BinWidth = Positive(v, key), BinEdges = BinEdgeRule.PyRadiomics }; break;
                    case "binCount": s.Settings = s.Settings with { Discretisation = DiscretisationMethod.FixedBinNumber, BinCount = (int)Whole(v, key, 1) }; break;
                    case "label": s.Label = (int)Whole(v, key, 1); break;
                    case "voxelArrayShift": s.Shift = Number(v, key); break;
                    case "normalize": s.Normalize = Bool(v, key); break;
                    case "normalizeScale": s.Scale = Positive(v, key); break;
                    case "removeOutliers": s.Outliers = IsNull(v) ? null : Positive(v, key); break;
                    case "correctMask": s.CorrectMask = Bool(v, key); break;
                    case "gldm_a": s.Settings = s.Settings with { NgldmCoarseness = (int)Whole(v, key, 0) }; break;
                    case "resampledPixelSpacing": s.Settings = s.Settings with { Spacing = Spacing(v) }; break;
                    case "interpolator": s.Settings = s.Settings with { ImageInterpolation = Interpolator(v) }; break;
                    case "resegmentRange": s.Settings = Reseg(v, s.Settings, map); break;
                    case "resegmentMode":
                        if (Scalar(v, key) is not ("absolute" or "sigma"))
                            throw Problem(v, $"resegmentMode '{Scalar(v, key)}' is not supported", "use absolute (resegmentRange in image units) or sigma (resegmentRange [-k, k])");
                        break;
                    case "resegmentShape" when Bool(v, key): throw Problem(v, "resegmentShape: true (shape from the re-segmented mask) is not supported", "remove it: shape uses the mask before re-segmentation, as IBSI defines");
                    case "force2D" when Bool(v, key): throw Problem(v, "force2D: true (by-slice texture) is not available under PyRadiomics' names", "remove it, or use names: ibsi, whose 2D aggregations are computed");
                    case "symmetricalGLCM" when !Bool(v, key): throw Problem(v, "symmetricalGLCM: false is not supported", "remove it: the GLCM is symmetric, as PyRadiomics' default and IBSI");
                    case "weightingNorm" when !IsNull(v): throw Problem(v, "weightingNorm (distance-weighted angle merging) is not supported", "remove it: angles are averaged, PyRadiomics' default");
                    case "distances" when !(v is YamlSequenceNode { Children.Count: 1 } d && Number(d.Children[0], key) == 1): throw Problem(v, "only distances: [1] is supported", "remove it or set distances: [1]");
                    case "sigma": s.Sigmas = Sigmas(v); break;
                    case "wavelet":
                        s.Wavelet = Scalar(v, key) ?? "";
                        if (!Filters.UndecimatedWavelet.Wavelets.Contains(s.Wavelet))
                            throw Problem(v, $"wavelet '{s.Wavelet}' is not implemented", $"use one of: {string.Join(", ", Filters.UndecimatedWavelet.Wavelets)}");
                        break;
                    case "level" when Whole(v, key, 1) != 1: throw Problem(v, "only wavelet level 1 is implemented", "remove level or set level: 1");
                    case "start_level" when Whole(v, key, 0) != 0: throw Problem(v, "only start_level 0 is implemented", "remove start_level or set start_level: 0");
                    case "gradientUseSpacing": s.GradientSpacing = Bool(v, key); break;
                    case "force2D" or "symmetricalGLCM" or "weightingNorm" or "distances" or "level" or "start_level" or "resegmentShape": break; // the supported value
                    case "force2Ddimension" or "label_channel" or "additionalInfo" or "enableCExtensions" or "padDistance" or "preCrop" or "geometryTolerance" or
                        "minimumROIDimensions" or "minimumROISize" or "precropImage":
                        _ignored.Add($"{key}: no effect here ({IgnoredReason(key)})");
                        break;
                    case "lbp2DRadius" or "lbp2DSamples" or "lbp2DMethod" or "lbp3DLevels" or "lbp3DIcosphereRadius" or "lbp3DIcosphereSubdivision":
                        _ignored.Add($"{key}: no effect here (LBP image types are not implemented)");
                        break;
                    default:
                        throw Problem(k, $"'{key}' is not a PyRadiomics setting",
                            "check its spelling (keys are case-sensitive, e.g. binWidth, resampledPixelSpacing, voxelArrayShift); settings PyRadiomics documents are all known here");
                }
            }
        }

        private static string IgnoredReason(string key) => key switch
        {
            "padDistance" or "preCrop" or "precropImage" => "the image is always cut to the region's box with a margin covering the filters and the local-intensity sphere",
            "geometryTolerance" => "image and mask must share the grid to 1e-3 mm; correctMask resamples a mask that does not",
            "minimumROIDimensions" or "minimumROISize" => "empty and one-voxel regions are refused with a clear error",
            "additionalInfo" => "diagnostics_* columns are always written",
            "enableCExtensions" => "there is one implementation",
            _ => "3-D extraction only",
        };

        private Dictionary<string, IReadOnlyList<string>> Classes(YamlMappingNode map)
        {
            var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            var known = PyRadiomicsNames.Keys().ToHashSet(StringComparer.Ordinal);
            foreach (var (k, v) in map.Children)
            {
                string cls = Key(k);
                if (cls == "shape2D") throw Problem(k, "shape2D (2-D shape of a one-slice region) is not implemented", "remove it; shape gives the 3-D shape");
                if (!ClassFamilies.ContainsKey(cls))
                    throw Problem(k, $"'{cls}' is not a PyRadiomics feature class", $"use some of: {string.Join(", ", ClassFamilies.Keys)} (case-sensitive)");
                var names = new List<string>();
                if (v is YamlSequenceNode seq)
                    foreach (var item in seq.Children)
                    {
                        string name = Scalar(item, cls) ?? "";
                        if (NotComputed.Contains($"{cls}_{name}"))
                            throw Problem(item, $"{cls} feature '{name}' is not computed here (2-D diameters, MCC and deprecated features are not)", "remove it from the list");
                        if (!known.Contains($"{cls}_{name}"))
                            throw Problem(item, $"'{name}' is not a {cls} feature", $"use PyRadiomics' names, e.g. {string.Join(", ", known.Where(n => n.StartsWith(cls + "_", StringComparison.Ordinal)).Take(4).Select(n => n[(cls.Length + 1)..]))}");
                        names.Add(name);
                    }
                else if (!IsNull(v)) throw Problem(v, $"featureClass '{cls}' must be a list of feature names, [] or null (all)", $"write '{cls}:' or '{cls}: [Contrast, Correlation]'");
                result[cls] = names;
            }
            return result;
        }

        private PyRadiomicsVoxelSettings Voxel(YamlMappingNode map)
        {
            var voxel = new PyRadiomicsVoxelSettings();
            foreach (var (k, v) in map.Children)
            {
                string key = Key(k);
                voxel = key switch
                {
                    "kernelRadius" => voxel with { KernelRadius = (int)Whole(v, key, 1) },
                    "maskedKernel" => voxel with { MaskedKernel = Bool(v, key) },
                    "initValue" => voxel with { InitValue = Scalar(v, key)?.ToLowerInvariant() is "nan" or ".nan" ? double.NaN : Number(v, key) },
                    "voxelBatch" => voxel with { VoxelBatch = (int)Number(v, key) },
                    _ => throw Problem(k, $"'{key}' is not a voxelSetting", "use kernelRadius, maskedKernel, initValue or voxelBatch"),
                };
            }
            return voxel;
        }

        private (double Column, double Row, double? Slice)? Spacing(YamlNode v)
        {
            if (IsNull(v)) return null;
            if (v is not YamlSequenceNode { Children.Count: 3 } seq)
                throw Problem(v, "resampledPixelSpacing must be [x, y, z] in mm", "write e.g. resampledPixelSpacing: [1, 1, 1]");
            var xyz = seq.Children.Select(c => Number(c, "resampledPixelSpacing")).ToArray();
            if (xyz[0] <= 0 || xyz[1] <= 0 || xyz[2] < 0)
                throw Problem(v, "resampledPixelSpacing needs x and y > 0 (z may be 0: keep the slices)", "write e.g. [1, 1, 1] or [2, 2, 0]");
            return (xyz[0], xyz[1], xyz[2] == 0 ? null : xyz[2]);
        }

        private VolumeInterpolation Interpolator(YamlNode v) => Scalar(v, "interpolator") switch
        {
            "sitkBSpline" or "3" => VolumeInterpolation.BSpline,
            "sitkLinear" or "2" => VolumeInterpolation.Linear,
            "sitkNearestNeighbor" or "1" => VolumeInterpolation.NearestNeighbour,
            var other => throw Problem(v, $"interpolator '{other}' is not supported", "use sitkBSpline, sitkLinear or sitkNearestNeighbor"),
        };

        private RadiomicsSettings Reseg(YamlNode v, RadiomicsSettings settings, YamlMappingNode map)
        {
            if (IsNull(v)) return settings with { ResegmentationRange = null, OutlierSigma = null };
            if (v is not YamlSequenceNode { Children.Count: 1 or 2 } seq)
                throw Problem(v, "resegmentRange must be [low] or [low, high]", "write e.g. resegmentRange: [-1000, 400]");
            var bounds = seq.Children.Select(c => Number(c, "resegmentRange")).Order().ToArray();
            bool sigma = map.Children.Any(kv => Key(kv.Key) == "resegmentMode" && Scalar(kv.Value, "resegmentMode") == "sigma");
            if (!sigma) return settings with { ResegmentationRange = (bounds[0], bounds.Length == 2 ? bounds[1] : null) };
            if (bounds.Length != 2 || bounds[0] != -bounds[1])
                throw Problem(v, "resegmentMode sigma is supported for a symmetric range [-k, k] (IBSI's outlier filtering)", "write e.g. resegmentRange: [-3, 3]");
            return settings with { OutlierSigma = bounds[1] };
        }

        private IReadOnlyList<(double, string)> Sigmas(YamlNode v)
        {
            if (v is not YamlSequenceNode seq || seq.Children.Count == 0)
                throw Problem(v, "sigma must be a list of LoG widths in mm", "write e.g. sigma: [1.0, 3.0, 5.0]");
            return seq.Children.Select(c =>
            {
                double s = Positive(c, "sigma");
                string text = Scalar(c, "sigma")!;
                // Python's str(): an integer in the file stays "2", a float prints as repr ("2.0", "2.5").
                return (s, text.Contains('.') || text.Contains('e') || text.Contains('E') ? RadiomicsImageType.PythonFloat(s) : text);
            }).ToList();
        }

        private YamlMappingNode Map(YamlNode node, string section) => node switch
        {
            YamlMappingNode m => m,
            YamlScalarNode sc when IsNull(sc) => new YamlMappingNode(),
            _ => throw Problem(node, $"section '{section}' must be a map", $"write '{section}:' followed by indented 'key: value' lines"),
        };

        private static string Key(YamlNode node) => (node as YamlScalarNode)?.Value ?? node.ToString();

        private static bool IsNull(YamlNode v) => v is YamlScalarNode { Value: null or "" or "~" or "null" or "None" };

        private string? Scalar(YamlNode v, string key) => v is YamlScalarNode s ? s.Value : throw Problem(v, $"'{key}' must be a single value", $"write '{key}: <value>'");

        private double Number(YamlNode v, string key) =>
            double.TryParse(Scalar(v, key), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
                ? x : throw Problem(v, $"'{key}' must be a number, got '{Scalar(v, key)}'", $"write e.g. '{key}: 1'");

        private double Positive(YamlNode v, string key) => Number(v, key) is var x && x > 0 ? x : throw Problem(v, $"'{key}' must be > 0, got {Scalar(v, key)}", $"write a positive {key}");

        private double Whole(YamlNode v, string key, int minimum) =>
            Number(v, key) is var x && x == Math.Floor(x) && x >= minimum ? x : throw Problem(v, $"'{key}' must be a whole number ≥ {minimum}, got {Scalar(v, key)}", $"write e.g. '{key}: {minimum + 1}'");

        private bool Bool(YamlNode v, string key) => Scalar(v, key)?.ToLowerInvariant() switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            var other => throw Problem(v, $"'{key}' must be true or false, got '{other}'", $"write '{key}: true' or '{key}: false'"),
        };

        private DataProblemException Problem(YamlNode at, string reason, string fix) =>
            new(path, $"line {at.Start.Line}", reason, fix);
    }
}
