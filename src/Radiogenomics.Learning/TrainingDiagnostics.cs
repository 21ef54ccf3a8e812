namespace Radiogenomics.Learning;

/// <summary>
/// Checks that an autoencoder learnt: its loss against the constant predictor's (<see cref="ReconstructionBaseline"/>),
/// its mean output against the mean pixel, and how many features are constant over every image (dead units,
/// e.g. ReLU channels negative everywhere). Each failed check is a warning sentence a run summary can show.
/// </summary>
public sealed record TrainingDiagnostics
{
    /// <summary>A loss at or above this share of the constant predictor's counts as "at the constant".</summary>
    public const double CollapseShare = 0.98;

    /// <summary>Consecutive epochs at the constant that make a collapse.</summary>
    public const int CollapseEpochs = 2;

    /// <summary>Share of constant features above which a warning is given.</summary>
    public const double DeadFeatureShare = 0.01;

    /// <summary>Relative gap between mean output and mean pixel above which a warning is given.</summary>
    public const double MeanOutputTolerance = 0.10;

    public required ReconstructionBaseline Baseline { get; init; }

    /// <summary>Mean of the reconstructions of the checked images (validation, else training).</summary>
    public required double MeanOutput { get; init; }

    /// <summary>Mean pixel of the same images.</summary>
    public required double MeanPixel { get; init; }

    /// <summary>Features with one value on every image, per kernel (feature block channel).</summary>
    public required IReadOnlyList<int> ConstantFeaturesPerKernel { get; init; }

    public required int FeatureCount { get; init; }

    /// <summary>Epochs (1-based) whose loss sat at the constant predictor's.</summary>
    public required IReadOnlyList<int> EpochsAtConstant { get; init; }

    public int ConstantFeatures => ConstantFeaturesPerKernel.Sum();

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// Diagnoses a trained model. <paramref name="features"/> are every image's features (images × featureCount,
    /// kernel-major with <paramref name="kernels"/> equal blocks); <paramref name="checkImages"/> the images whose
    /// reconstructions are averaged; epochs without training (none run) skip the collapse check.
    /// </summary>
    public static TrainingDiagnostics Diagnose(
        DenoisingAutoencoder model, IReadOnlyList<AutoencoderEpoch> epochs, ReconstructionBaseline baseline,
        ReadOnlySpan<float> checkImages, ReadOnlySpan<float> features, int featureCount, int kernels)
    {
        ArgumentNullException.ThrowIfNull(model);
        double meanPixel = 0, meanOutput = 0;
        if (!checkImages.IsEmpty)
        {
            foreach (var v in checkImages) meanPixel += v;
            meanPixel /= checkImages.Length;
            foreach (var v in model.Reconstruct(checkImages)) meanOutput += v;
            meanOutput /= checkImages.Length;
        }

        var perKernel = CountConstantFeatures(features, featureCount, kernels);
        var atConstant = FindEpochsAtConstant(epochs, baseline);
        var warnings = new List<string>();
        int longest = LongestRun(atConstant);
        if (longest >= CollapseEpochs)
        {
            string which = baseline.ValidationLoss is null ? "training" : "validation";
            double reference = baseline.ValidationLoss ?? baseline.TrainLoss;
            warnings.Add($"training collapsed: the {which} loss stayed within {1 - CollapseShare:P0} of (or above) the constant predictor's {reference:G4} " +
                         $"for {longest} consecutive epochs (epochs {string.Join(", ", atConstant)}); the network reconstructs no more than the mean pixel");
        }

        int constant = perKernel.Sum();
        if (featureCount > 0 && constant > DeadFeatureShare * featureCount)
        {
            var kernelsHit = perKernel.Select((n, k) => (n, k)).Where(t => t.n > 0).Select(t => $"kernel {t.k}: {t.n}");
            warnings.Add($"{constant} of {featureCount} features ({(double)constant / featureCount:P1}) are constant over every image (dead units; {string.Join(", ", kernelsHit)}); " +
                         "they carry no information and every association with them is skipped");
        }

        if (epochs.Count > 0 && meanPixel > 0 && Math.Abs(meanOutput - meanPixel) > MeanOutputTolerance * meanPixel)
            warnings.Add($"the mean reconstruction {meanOutput:G4} differs from the mean pixel {meanPixel:G4} by {Math.Abs(meanOutput - meanPixel) / meanPixel:P0}");

        return new TrainingDiagnostics
        {
            Baseline = baseline, MeanOutput = meanOutput, MeanPixel = meanPixel, ConstantFeaturesPerKernel = perKernel,
            FeatureCount = featureCount, EpochsAtConstant = atConstant, Warnings = warnings,
        };
    }

    /// <summary>Per kernel, the features (columns) that take one value on every image.</summary>
    public static int[] CountConstantFeatures(ReadOnlySpan<float> features, int featureCount, int kernels)
    {
        if (featureCount <= 0 || kernels <= 0 || featureCount % kernels != 0)
            throw new ArgumentException($"{featureCount} features do not split into {kernels} kernels");
        if (features.Length % featureCount != 0) throw new ArgumentException("features must hold whole images", nameof(features));
        int images = features.Length / featureCount;
        var perKernel = new int[kernels];
        if (images == 0) return perKernel;
        int perBlock = featureCount / kernels;
        for (int f = 0; f < featureCount; f++)
        {
            float first = features[f];
            bool constant = true;
            for (int i = 1; i < images && constant; i++) constant = features[i * featureCount + f].Equals(first);
            if (constant) perKernel[f / perBlock]++;
        }

        return perKernel;
    }

    internal static List<int> FindEpochsAtConstant(IReadOnlyList<AutoencoderEpoch> epochs, ReconstructionBaseline baseline)
    {
        var hits = new List<int>();
        foreach (var e in epochs)
        {
            bool hit = e.ValidationLoss is { } v && baseline.ValidationLoss is { } bv
                ? v >= CollapseShare * bv
                : e.TrainLoss >= CollapseShare * baseline.TrainLoss;
            if (hit) hits.Add(e.Epoch);
        }

        return hits;
    }

    internal static int LongestRun(List<int> epochs)
    {
        int longest = 0, run = 0;
        for (int i = 0; i < epochs.Count; i++)
        {
            run = i > 0 && epochs[i] == epochs[i - 1] + 1 ? run + 1 : 1;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
