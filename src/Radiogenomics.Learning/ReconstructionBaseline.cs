namespace Radiogenomics.Learning;

/// <summary>
/// The constant predictor an autoencoder must beat: outputting the training images' mean pixel μ everywhere.
/// Its MSE on a set of images is mean((x − μ)²); a network whose loss sits at or above it has learnt nothing
/// about the images (the best constant output; a collapsed sigmoid near 0 scores E[x²], worse still).
/// </summary>
public sealed record ReconstructionBaseline(double MeanPixel, double TrainLoss, double? ValidationLoss)
{
    public static ReconstructionBaseline Of(ReadOnlySpan<float> training, ReadOnlySpan<float> validation)
    {
        if (training.IsEmpty) throw new ArgumentException("no training pixels", nameof(training));
        double mean = Mean(training);
        return new ReconstructionBaseline(mean, MeanSquaredDeviation(training, mean), validation.IsEmpty ? null : MeanSquaredDeviation(validation, mean));
    }

    private static double Mean(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    private static double MeanSquaredDeviation(ReadOnlySpan<float> values, double centre)
    {
        double sum = 0;
        foreach (var v in values) sum += (v - centre) * (v - centre);
        return sum / values.Length;
    }
}
