namespace Radiogenomics.Learning;

/// <summary>Reported after every batch of an epoch; <see cref="RunningLoss"/> is the mean loss per image so far.</summary>
public readonly record struct TrainingProgress(long BatchesDone, long BatchCount, double RunningLoss);
