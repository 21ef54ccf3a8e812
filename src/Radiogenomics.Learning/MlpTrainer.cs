namespace Radiogenomics.Learning;

/// <summary>
/// The epoch loop of <see cref="MultilayerPerceptron"/>: each epoch visits the training samples in an order shuffled by
/// a seeded SplitMix64 Fisher–Yates (so the batches do not depend on the device or the bridge's generator), evaluates
/// the validation samples, and with early stopping keeps the weights of the epoch with the lowest validation loss
/// (restored in memory when training ends).
/// </summary>
public static class MlpTrainer
{
    /// <param name="patience">stop after this many epochs without a lower validation loss; 0 = run every epoch
    /// (the best epoch's weights are still restored when there are validation samples)</param>
    public static MlpTrainingResult Train(
        MultilayerPerceptron model,
        float[] inputs,
        float[] targets,
        float[] validationInputs,
        float[] validationTargets,
        int epochs,
        int patience,
        ulong seed,
        Action<MlpEpoch>? epochDone = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        int count = inputs.Length / model.Config.InputSize;
        bool validating = validationInputs.Length > 0;
        var history = new List<MlpEpoch>(epochs);
        double best = double.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0;
        IReadOnlyDictionary<string, float[]>? bestWeights = null;
        ulong state = seed ^ 0x0D1E_55A7_0000_0013UL;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var order = Shuffle(count, ref state);
            double trainLoss = model.FitEpoch(inputs, targets, order, cancellationToken);
            double? validationLoss = validating ? model.Evaluate(validationInputs, validationTargets) : null;
            var record = new MlpEpoch(epoch, trainLoss, validationLoss);
            history.Add(record);
            epochDone?.Invoke(record);
            if (validationLoss is not { } loss) continue;
            if (loss < best || bestEpoch == 0)
            {
                (best, bestEpoch, sinceBest) = (loss, epoch, 0);
                bestWeights = model.GetWeights();
            }
            else if (patience > 0 && ++sinceBest >= patience)
            {
                break;
            }
        }

        if (bestWeights is not null && bestEpoch < history.Count) model.SetWeights(bestWeights);
        return new MlpTrainingResult(history, bestWeights is not null ? bestEpoch : history.Count);
    }

    /// <summary>A permutation of 0..count−1 by Fisher–Yates on a SplitMix64 stream.</summary>
    public static long[] Shuffle(int count, ref ulong state)
    {
        var order = new long[count];
        for (int i = 0; i < count; i++) order[i] = i;
        for (int i = count - 1; i > 0; i--)
        {
            int j = (int)(Next(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
