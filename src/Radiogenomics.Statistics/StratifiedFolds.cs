namespace Radiogenomics.Statistics;

/// <summary>
/// Fold ids 1..K stratified by a 0/1 label: within each class the units are shuffled (seeded) and dealt to folds in turn,
/// so every fold holds ⌊n_c/K⌋ or ⌈n_c/K⌉ of each class.
/// </summary>
public static class StratifiedFolds
{
    public static int[] Assign(IReadOnlyList<double> labels, int folds, Random random)
    {
        if (folds < 2) throw new ArgumentException("at least 2 folds are needed");
        var fold = new int[labels.Count];
        int next = 0;
        foreach (double cls in new[] { 0.0, 1.0 })
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == cls).ToArray();
            random.Shuffle(members);
            foreach (int i in members) fold[i] = next++ % folds + 1; // continue the deal across classes: sizes stay balanced
        }
        return fold;
    }
}
