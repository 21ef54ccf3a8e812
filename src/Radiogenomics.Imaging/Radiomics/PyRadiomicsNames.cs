namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// PyRadiomics' output keys (<c>original_glcm_Contrast</c>) for our IBSI features, and IBSI-style keys. PyRadiomics'
/// default aggregation is 3-D: GLCM and GLRLM features per direction, averaged (IBSI "3D averaged"); GLSZM, GLDM
/// (IBSI NGLDM, α = 0), NGTDM from one 3-D matrix. Where PyRadiomics defines a feature differently from IBSI, its
/// key gets PyRadiomics' value and the IBSI key IBSI's:
/// <list type="bullet">
/// <item><c>firstorder_Kurtosis</c> is the plain fourth standardised moment, IBSI's excess kurtosis + 3.</item>
/// <item><c>firstorder_TotalEnergy</c> (no IBSI feature) is the energy times the voxel volume.</item>
/// <item><c>firstorder_Entropy</c> and <c>Uniformity</c> use the discretised intensities (IBSI's intensity-histogram family); the other first-order features the raw ones.</item>
/// <item>Fixed bin size discretisation puts its first edge at a multiple of the bin width (<see cref="BinEdgeRule.PyRadiomics"/>); IBSI at the ROI minimum or the re-segmentation bound.</item>
/// <item>GLCM symmetry: PyRadiomics' default (symmetricalGLCM: true) adds each matrix to its transpose, the same matrix as IBSI's counting of both orders, so the values agree.</item>
/// <item>Not produced: shape Maximum2DDiameter{Slice,Column,Row} and glcm MCC (so 103 of PyRadiomics' 107 default
/// features of an image), and the deprecated ones (not in PyRadiomics' defaults either).</item>
/// </list>
/// </summary>
public static class PyRadiomicsNames
{
    private static readonly (string Family, string Ibsi, string Aggregation, string Key)[] Map = Build();

    /// <summary>PyRadiomics keys and values, prefixed with the image type (<c>original</c>, <c>wavelet-LLH</c>, …), in PyRadiomics' class order.</summary>
    /// <param name="voxelArrayShift">PyRadiomics' voxelArrayShift c: Energy = Σ(x + c)², RootMeanSquared = √(Energy/N), TotalEnergy = Energy·voxel volume.</param>
    /// <param name="roiVoxels">N, the number of intensity-mask voxels (needed only when the shift is not 0).</param>
    public static List<(string Key, double Value)> Convert(IReadOnlyList<RadiomicsFeature> features, double voxelVolume, string imageType = "original",
        double voxelArrayShift = 0, int roiVoxels = 0)
    {
        var byKey = new Dictionary<(string, string, string), double>();
        foreach (var f in features) byKey[(f.Family, f.Name, f.Aggregation)] = f.Value;
        var result = new List<(string, double)>();
        foreach (var (family, ibsi, aggregation, key) in Map)
        {
            if (!byKey.TryGetValue((family, ibsi, aggregation), out double value)) continue;
            string cls = key.Split('_')[0];
            if (cls == "shape" && imageType != "original") continue; // PyRadiomics computes shape on the original image only
            switch (key)
            {
                case "firstorder_Kurtosis": value += 3; break;
                case "firstorder_Energy" or "firstorder_RootMeanSquared" when voxelArrayShift != 0:
                    {
                        // Σ(x + c)² = Σx² + 2c·N·mean + N·c², from the unshifted energy and the mean.
                        double energy = byKey[(IntensityStatisticsFeatures.Family, "Intensity-based energy", "3D")];
                        double mean = byKey[(IntensityStatisticsFeatures.Family, "Mean intensity", "3D")];
                        double shifted = energy + 2 * voxelArrayShift * roiVoxels * mean + roiVoxels * voxelArrayShift * voxelArrayShift;
                        value = key == "firstorder_Energy" ? shifted : Math.Sqrt(shifted / roiVoxels);
                        break;
                    }
            }
            result.Add(($"{imageType}_{key}", value));
            if (key == "firstorder_Energy") result.Add(($"{imageType}_firstorder_TotalEnergy", value * voxelVolume));
        }
        return result;
    }

    /// <summary>Every PyRadiomics key (<c>glcm_Contrast</c>, no image type) this implementation produces, in PyRadiomics' class order.</summary>
    public static IEnumerable<string> Keys()
    {
        foreach (var (_, _, _, key) in Map)
        {
            yield return key;
            if (key == "firstorder_Energy") yield return "firstorder_TotalEnergy";
        }
    }

    /// <summary>An IBSI-style key: family, feature and aggregation in lower snake case, e.g. <c>glcm_joint_maximum_3d_averaged</c>.</summary>
    public static string IbsiKey(RadiomicsFeature f)
    {
        var text = $"{f.Family} {f.Name} {f.Aggregation}".ToLowerInvariant().Replace("intensity-based statistics", "stat")
            .Replace("intensity-volume histogram", "ivh").Replace("intensity histogram", "ih").Replace("local intensity", "loc")
            .Replace("morphology", "morph").Replace("%", "pct").Replace("2.5d", "2_5d");
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        return string.Join('_', new string(chars).Split('_', StringSplitOptions.RemoveEmptyEntries));
    }

    private static (string, string, string, string)[] Build()
    {
        var list = new List<(string, string, string, string)>();
        void Add(string family, string aggregation, string cls, params (string Ibsi, string Py)[] pairs)
        {
            foreach (var (ibsi, py) in pairs) list.Add((family, ibsi, aggregation, $"{cls}_{py}"));
        }
        Add(MorphologyFeatures.Family, "3D", "shape",
            ("Volume (mesh)", "MeshVolume"), ("Volume (voxel counting)", "VoxelVolume"), ("Surface area (mesh)", "SurfaceArea"),
            ("Surface to volume ratio", "SurfaceVolumeRatio"), ("Sphericity", "Sphericity"), ("Maximum 3D diameter", "Maximum3DDiameter"),
            ("Major axis length", "MajorAxisLength"), ("Minor axis length", "MinorAxisLength"), ("Least axis length", "LeastAxisLength"),
            ("Elongation", "Elongation"), ("Flatness", "Flatness"));
        Add(IntensityStatisticsFeatures.Family, "3D", "firstorder", ("Intensity-based energy", "Energy"));
        Add(IntensityHistogramFeatures.Family, "3D", "firstorder", ("Discretised intensity entropy", "Entropy"));
        Add(IntensityStatisticsFeatures.Family, "3D", "firstorder",
            ("Minimum intensity", "Minimum"), ("10th intensity percentile", "10Percentile"), ("90th intensity percentile", "90Percentile"),
            ("Maximum intensity", "Maximum"), ("Mean intensity", "Mean"), ("Median intensity", "Median"),
            ("Intensity interquartile range", "InterquartileRange"), ("Intensity range", "Range"),
            ("Intensity-based mean absolute deviation", "MeanAbsoluteDeviation"),
            ("Intensity-based robust mean absolute deviation", "RobustMeanAbsoluteDeviation"), ("Root mean square intensity", "RootMeanSquared"),
            ("Intensity skewness", "Skewness"), ("(Excess) intensity kurtosis", "Kurtosis"),
            ("Intensity variance", "Variance"));
        Add(IntensityHistogramFeatures.Family, "3D", "firstorder", ("Discretised intensity uniformity", "Uniformity"));
        Add(GlcmFeatures.Family, "3D averaged", "glcm",
            ("Autocorrelation", "Autocorrelation"), ("Joint average", "JointAverage"), ("Cluster prominence", "ClusterProminence"),
            ("Cluster shade", "ClusterShade"), ("Cluster tendency", "ClusterTendency"), ("Contrast", "Contrast"), ("Correlation", "Correlation"),
            ("Difference average", "DifferenceAverage"), ("Difference entropy", "DifferenceEntropy"), ("Difference variance", "DifferenceVariance"),
            ("Angular second moment", "JointEnergy"), ("Joint entropy", "JointEntropy"), ("Information correlation 1", "Imc1"),
            ("Information correlation 2", "Imc2"), ("Inverse difference moment", "Idm"), ("Normalised inverse difference moment", "Idmn"),
            ("Inverse difference", "Id"), ("Normalised inverse difference", "Idn"), ("Inverse variance", "InverseVariance"),
            ("Joint maximum", "MaximumProbability"), ("Sum average", "SumAverage"), ("Sum entropy", "SumEntropy"), ("Joint variance", "SumSquares"));
        Add(GlrlmFeatures.Family, "3D averaged", "glrlm",
            ("Short runs emphasis", "ShortRunEmphasis"), ("Long runs emphasis", "LongRunEmphasis"), ("Grey level non-uniformity", "GrayLevelNonUniformity"),
            ("Normalised grey level non-uniformity", "GrayLevelNonUniformityNormalized"), ("Run length non-uniformity", "RunLengthNonUniformity"),
            ("Normalised run length non-uniformity", "RunLengthNonUniformityNormalized"), ("Run percentage", "RunPercentage"),
            ("Grey level variance", "GrayLevelVariance"), ("Run length variance", "RunVariance"), ("Run entropy", "RunEntropy"),
            ("Low grey level run emphasis", "LowGrayLevelRunEmphasis"), ("High grey level run emphasis", "HighGrayLevelRunEmphasis"),
            ("Short run low grey level emphasis", "ShortRunLowGrayLevelEmphasis"), ("Short run high grey level emphasis", "ShortRunHighGrayLevelEmphasis"),
            ("Long run low grey level emphasis", "LongRunLowGrayLevelEmphasis"), ("Long run high grey level emphasis", "LongRunHighGrayLevelEmphasis"));
        Add(GlszmFeatures.Family, "3D", "glszm",
            ("Small zone emphasis", "SmallAreaEmphasis"), ("Large zone emphasis", "LargeAreaEmphasis"), ("Grey level non-uniformity", "GrayLevelNonUniformity"),
            ("Normalised grey level non-uniformity", "GrayLevelNonUniformityNormalized"), ("Zone size non-uniformity", "SizeZoneNonUniformity"),
            ("Normalised zone size non-uniformity", "SizeZoneNonUniformityNormalized"), ("Zone percentage", "ZonePercentage"),
            ("Grey level variance", "GrayLevelVariance"), ("Zone size variance", "ZoneVariance"), ("Zone size entropy", "ZoneEntropy"),
            ("Low grey level zone emphasis", "LowGrayLevelZoneEmphasis"), ("High grey level zone emphasis", "HighGrayLevelZoneEmphasis"),
            ("Small zone low grey level emphasis", "SmallAreaLowGrayLevelEmphasis"), ("Small zone high grey level emphasis", "SmallAreaHighGrayLevelEmphasis"),
            ("Large zone low grey level emphasis", "LargeAreaLowGrayLevelEmphasis"), ("Large zone high grey level emphasis", "LargeAreaHighGrayLevelEmphasis"));
        Add(NgldmFeatures.Family, "3D", "gldm",
            ("Low dependence emphasis", "SmallDependenceEmphasis"), ("High dependence emphasis", "LargeDependenceEmphasis"),
            ("Grey level non-uniformity", "GrayLevelNonUniformity"), ("Dependence count non-uniformity", "DependenceNonUniformity"),
            ("Normalised dependence count non-uniformity", "DependenceNonUniformityNormalized"), ("Grey level variance", "GrayLevelVariance"),
            ("Dependence count variance", "DependenceVariance"), ("Dependence count entropy", "DependenceEntropy"),
            ("Low grey level count emphasis", "LowGrayLevelEmphasis"), ("High grey level count emphasis", "HighGrayLevelEmphasis"),
            ("Low dependence low grey level emphasis", "SmallDependenceLowGrayLevelEmphasis"), ("Low dependence high grey level emphasis", "SmallDependenceHighGrayLevelEmphasis"),
            ("High dependence low grey level emphasis", "LargeDependenceLowGrayLevelEmphasis"), ("High dependence high grey level emphasis", "LargeDependenceHighGrayLevelEmphasis"));
        Add(NgtdmFeatures.Family, "3D", "ngtdm",
            ("Coarseness", "Coarseness"), ("Contrast", "Contrast"), ("Busyness", "Busyness"), ("Complexity", "Complexity"), ("Strength", "Strength"));
        return list.ToArray();
    }
}
