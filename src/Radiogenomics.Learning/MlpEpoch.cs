namespace Radiogenomics.Learning;

/// <summary>One epoch of <see cref="MlpTrainer"/>: mean training loss and the loss on the validation samples (null without any).</summary>
public sealed record MlpEpoch(int Epoch, double TrainLoss, double? ValidationLoss);
