namespace Radiogenomics.Learning;

/// <summary>The epochs run and the one whose weights the model holds afterwards (the best validation loss, else the last).</summary>
public sealed record MlpTrainingResult(IReadOnlyList<MlpEpoch> History, int KeptEpoch);
