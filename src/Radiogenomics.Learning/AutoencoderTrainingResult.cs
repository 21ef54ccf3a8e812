namespace Radiogenomics.Learning;

/// <summary>What <see cref="AutoencoderTrainer.Train"/> did: every epoch run, the epoch whose weights were kept, and its speed.</summary>
public sealed record AutoencoderTrainingResult(IReadOnlyList<AutoencoderEpoch> Epochs, int KeptEpoch, TimeSpan Elapsed, double ImagesPerSecond);
