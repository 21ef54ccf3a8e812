using System.Diagnostics;

namespace Radiogenomics.Learning;

/// <summary>
/// The epoch loop of <see cref="DenoisingAutoencoder"/>: train, evaluate on the clean validation images, and with
/// early stopping keep the weights of the epoch with the lowest validation loss (written to a scratch file and
/// loaded back when a later epoch ends the run). With weight averaging (<see cref="AutoencoderConfig.AverageDecay"/>)
/// every evaluation, the kept weights and the returned model are the averaged ones.
/// </summary>
public static class AutoencoderTrainer
{
    /// <param name="model">the model to train in place</param>
    /// <param name="training">training images back to back</param>
    /// <param name="validation">validation images back to back; empty for none</param>
    /// <param name="epochs">epochs to run at most (0: the untrained weights)</param>
    /// <param name="patience">stop after this many epochs without a lower validation loss; 0 = off</param>
    /// <param name="scratchDirectory">where the best epoch's weights are kept while training</param>
    /// <param name="progress">(epoch, batch progress) during each epoch</param>
    /// <param name="epochDone">called after each epoch</param>
    public static AutoencoderTrainingResult Train(
        DenoisingAutoencoder model,
        float[] training,
        float[] validation,
        int epochs,
        int patience,
        string scratchDirectory,
        Action<int, TrainingProgress>? progress = null,
        Action<AutoencoderEpoch>? epochDone = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        bool validating = validation.Length > 0;
        bool averaging = model.Config.AverageDecay > 0;
        var history = new List<AutoencoderEpoch>(epochs);
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0;
        string bestWeights = Path.Combine(scratchDirectory, "best.pt");
        var clock = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int e = epoch;
            var batches = progress is null ? null : new SynchronousProgress<TrainingProgress>(t => progress(e, t));
            double trainLoss = model.TrainEpoch(training, batches, cancellationToken);
            if (averaging) model.SwapAveragedWeights();
            try
            {
                double? validationLoss = validating ? model.Evaluate(validation) : null;
                var record = new AutoencoderEpoch(epoch, trainLoss, validationLoss);
                history.Add(record);
                epochDone?.Invoke(record);
                if (patience <= 0 || validationLoss is not { } loss) continue;
                if (loss < bestLoss)
                {
                    (bestLoss, bestEpoch, sinceBest) = (loss, epoch, 0);
                    model.Save(bestWeights);
                }
                else if (++sinceBest >= patience)
                {
                    break;
                }
            }
            finally
            {
                if (averaging) model.SwapAveragedWeights();
            }
        }

        clock.Stop();
        if (averaging && history.Count > 0) model.SwapAveragedWeights(); // the result is the averaged model
        if (bestEpoch > 0 && bestEpoch < history.Count) model.Load(bestWeights);
        int kept = bestEpoch > 0 ? bestEpoch : history.Count;
        double imagesPerSecond = (double)training.Length / model.InputSize * history.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        return new AutoencoderTrainingResult(history, kept, clock.Elapsed, imagesPerSecond);
    }

    /// <summary>Calls the handler on the reporting thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => handler(value);
    }
}
