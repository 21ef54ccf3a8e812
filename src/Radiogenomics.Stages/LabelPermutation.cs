namespace Radiogenomics.Stages;

/// <summary>
/// The label-permutation negative control of the classify stages: N times, one seeded permutation of the units is applied
/// to whatever labels a fold's training units define (so a quantile rule is still fitted inside the folds), and the
/// stage's whole estimate — folds included — is rerun on those labels with its own generator. The AUCs it returns are the
/// chance distribution that <see cref="PermutationTable"/> writes beside the real AUC.
/// </summary>
internal static class LabelPermutation
{
    /// <param name="units">units the labels belong to (patients, or rows under the leaky split)</param>
    /// <param name="labelsFor">the real labels of every unit given a fold's training units</param>
    /// <param name="estimate">the stage's estimate on shuffled labels (their labelsFor, the permutation's generator): its held-out AUC</param>
    /// <param name="progress">permutation i of N done</param>
    public static List<double> Run(int units, int permutations, int seed, Func<IReadOnlyList<int>, double[]> labelsFor,
        Func<Func<IReadOnlyList<int>, double[]>, Random, double> estimate, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var aucs = new List<double>(permutations);
        var shuffler = new Random(seed + 1);
        for (int i = 1; i <= permutations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var order = Enumerable.Range(0, units).ToArray();
            shuffler.Shuffle(order);
            double[] Shuffled(IReadOnlyList<int> training) { var l = labelsFor(training); return order.Select(o => l[o]).ToArray(); }
            aucs.Add(estimate(Shuffled, new Random(seed + 1 + i)));
            progress?.Invoke(i, permutations);
        }
        return aucs;
    }
}
