namespace Radiogenomics.Learning;

/// <summary>One training epoch: mean loss of its noisy batches and the clean validation loss after it (null without validation).</summary>
public sealed record AutoencoderEpoch(int Epoch, double TrainLoss, double? ValidationLoss);
