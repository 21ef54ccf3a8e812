namespace Radiogenomics.Statistics;

/// <summary>
/// Breiman's random forest for a 0/1 label, grown as <c>randomForest</c> 4.7 grows classification forests: each tree on a
/// bootstrap sample of n cases drawn with replacement (a case drawn k times weighs k), every node split on the best Gini
/// split among mtry features drawn afresh at that node (split points midway between adjacent distinct values; ties
/// between equally good splits broken at random by randomForest's own, non-uniform rule), nodes of ≤ nodesize distinct
/// cases or of one class left terminal, no pruning. A terminal node votes its majority class; a tied terminal node and a
/// tied out-of-bag vote go to class 1 one time in three, as randomForest's loop over the two classes sends them. Trees
/// grow in parallel, each from its own generator (<see cref="TreeRandom"/>, keyed by the seed and the tree), so the forest
/// depends on the seed alone, not on the thread count.
/// </summary>
public static class RandomForestClassifier
{
    /// <param name="columns">feature columns over the training cases</param>
    /// <param name="labels">0/1 label per case; both classes must occur</param>
    public static RandomForestFit Fit(IReadOnlyList<double[]> columns, IReadOnlyList<double> labels, RandomForestOptions? options = null)
    {
        options ??= new RandomForestOptions();
        int p = columns.Count, n = labels.Count, trees = options.Trees;
        if (p == 0) throw new ArgumentException("a forest needs at least one feature");
        if (trees < 1) throw new ArgumentException("a forest needs at least one tree");
        if (options.NodeSize < 1) throw new ArgumentException("nodesize must be at least 1");
        var y = new int[n];
        for (int i = 0; i < n; i++)
            y[i] = labels[i] switch { 0 => 0, 1 => 1, _ => throw new ArgumentException($"label {i + 1} is {labels[i]}, not 0 or 1") };
        if (y.All(v => v == y[0])) throw new ArgumentException($"every label is {y[0]}: a classifier needs both classes");
        for (int j = 0; j < p; j++)
        {
            if (columns[j].Length != n) throw new ArgumentException($"feature {j + 1} has {columns[j].Length} values for {n} labels");
            for (int i = 0; i < n; i++)
                if (!double.IsFinite(columns[j][i])) throw new ArgumentException($"feature {j + 1}, case {i + 1} is {columns[j][i]}: the forest needs finite values");
        }
        int mtry = options.MtryFor(p);

        var forest = new DecisionTree[trees];
        var inBag = new int[trees][];
        var splits = new List<(int Feature, double Decrease)>[trees];
        Parallel.For(0, trees, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, t =>
        {
            var grower = new TreeGrower(columns, y, mtry, options.NodeSize, new TreeRandom(options.Seed, t));
            (forest[t], inBag[t], splits[t]) = grower.Grow();
        });

        // Out-of-bag votes (integers, so the order of the sum does not matter), then the seeded tie breaks in case order.
        var oobTrees = new int[n];
        var oobVotes = new int[n];
        Parallel.For(0, n, i =>
        {
            for (int t = 0; t < trees; t++)
                if (inBag[t][i] == 0) { oobTrees[i]++; oobVotes[i] += forest[t].Vote[forest[t].TerminalNode(columns, i)]; }
        });
        var ties = new TreeRandom(options.Seed, -1);
        var oobPrediction = new int[n];
        int errors = 0, counted = 0;
        for (int i = 0; i < n; i++)
        {
            if (oobTrees[i] == 0) { oobPrediction[i] = -1; continue; }
            int against = oobTrees[i] - oobVotes[i];
            oobPrediction[i] = oobVotes[i] > against ? 1 : oobVotes[i] < against ? 0 : ties.NextDouble() < 1.0 / 3 ? 1 : 0; // as randomForest's oob()
            counted++;
            if (oobPrediction[i] != y[i]) errors++;
        }
        var importance = new double[p];
        foreach (var list in splits) foreach (var (f, d) in list) importance[f] += d;
        for (int j = 0; j < p; j++) importance[j] /= trees;
        return new RandomForestFit(new RandomForest(forest, p), oobTrees, oobVotes, oobPrediction,
            counted == 0 ? double.NaN : (double)errors / counted, importance, inBag);
    }

    /// <summary>An independent seed for stream <paramref name="stream"/> (a tree, a fold) of a seed: SplitMix64 of the two.</summary>
    public static int StreamSeed(int seed, int stream)
    {
        ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(stream + 2) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    /// <summary>Grows one tree; its buffers are its own, so trees grow in parallel.</summary>
    private sealed class TreeGrower(IReadOnlyList<double[]> columns, int[] y, int mtry, int nodeSize, TreeRandom random)
    {
        private readonly List<int> feature = [], left = [], right = [], vote = [], start = [], end = [];
        private readonly List<double> threshold = [], probability = [];

        public (DecisionTree, int[], List<(int, double)>) Grow()
        {
            int n = y.Length, p = columns.Count;
            var weight = new int[n];
            for (int k = 0; k < n; k++) weight[(int)(random.NextDouble() * n)]++;
            var cases = Enumerable.Range(0, n).Where(i => weight[i] > 0).ToArray();
            var order = Enumerable.Range(0, p).ToArray(); // a partial Fisher–Yates over it draws each node's features
            var keys = new double[cases.Length];
            var items = new int[cases.Length];
            var scratch = new int[cases.Length];
            var decreases = new List<(int, double)>();
            AddNode(0, cases.Length);
            // Nodes are split in creation order (randomForest's order); children are appended behind.
            for (int k = 0; k < feature.Count; k++)
            {
                int s = start[k], e = end[k];
                double w0 = 0, w1 = 0;
                for (int i = s; i < e; i++) if (y[cases[i]] == 1) w1 += weight[cases[i]]; else w0 += weight[cases[i]];
                probability[k] = w1 / (w0 + w1);
                vote[k] = w1 > w0 ? 1 : 0;
                if (e - s <= nodeSize || w0 == 0 || w1 == 0 || !BestSplit(k, w0, w1, order, keys, items, weight, cases, decreases))
                {
                    feature[k] = -1;
                    if (w0 == w1) vote[k] = random.NextDouble() < 1.0 / 3 ? 1 : 0; // randomForest's tie rule: the second class 1 time in 3
                    continue;
                }
                // Partition the node's cases by the split rule (≤ threshold left), keeping their order.
                int f = feature[k], l = s, r = 0;
                double cut = threshold[k];
                for (int i = s; i < e; i++)
                    if (columns[f][cases[i]] <= cut) cases[l++] = cases[i]; else scratch[r++] = cases[i];
                Array.Copy(scratch, 0, cases, l, r);
                left[k] = feature.Count; AddNode(s, l);
                right[k] = feature.Count; AddNode(l, e);
            }
            return (new DecisionTree([.. feature], [.. threshold], [.. left], [.. right], [.. probability], [.. vote]), weight, decreases);
        }

        private void AddNode(int s, int e)
        {
            feature.Add(-1); threshold.Add(0); left.Add(-1); right.Add(-1); vote.Add(0); probability.Add(0);
            start.Add(s); end.Add(e);
        }

        /// <summary>
        /// The Gini-best split of node k over mtry freshly drawn features; false when no drawn feature separates its
        /// cases. The criterion is randomForest's Σ_c l_c²/l + Σ_c r_c²/r (weights are whole numbers, so equal splits
        /// compare exactly equal); its gain over the node's Σ_c n_c²/n is the split's decrease of Gini impurity.
        /// </summary>
        private bool BestSplit(int k, double w0, double w1, int[] order, double[] keys, int[] items, int[] weight, int[] cases,
            List<(int, double)> decreases)
        {
            int s = start[k], m = end[k] - s;
            double crit0 = (w0 * w0 + w1 * w1) / (w0 + w1), best = double.NegativeInfinity, cut = 0;
            int bestFeature = -1, ties = 1, last = order.Length - 1;
            for (int draw = 0; draw < mtry; draw++)
            {
                int pick = (int)(random.NextDouble() * (last + 1));
                int j = order[pick];
                (order[pick], order[last]) = (order[last], order[pick]);
                last--;
                var x = columns[j];
                ties = 1;
                for (int i = 0; i < m; i++) { items[i] = cases[s + i]; keys[i] = x[items[i]]; }
                Array.Sort(keys, items, 0, m);
                double l0 = 0, l1 = 0, r0 = w0, r1 = w1;
                for (int i = 0; i < m - 1; i++)
                {
                    int c = items[i];
                    if (y[c] == 1) { l1 += weight[c]; r1 -= weight[c]; } else { l0 += weight[c]; r0 -= weight[c]; }
                    if (!(keys[i] < keys[i + 1])) continue;
                    double crit = (l0 * l0 + l1 * l1) / (l0 + l1) + (r0 * r0 + r1 * r1) / (r0 + r1);
                    // randomForest's rule (rfsub.f findbestsplit): a better split is kept and its tie count restarts; an
                    // equal one (the kept split itself included) counts a tie and replaces it with probability 1/count.
                    // The count restarts with every feature, so later features and earlier cut-points are favoured.
                    if (crit > best) { best = crit; ties = 1; Keep(j, i); }
                    if (crit == best && random.NextDouble() < 1.0 / ++ties) Keep(j, i);
                }
            }
            if (bestFeature < 0) return false;
            feature[k] = bestFeature;
            threshold[k] = cut;
            decreases.Add((bestFeature, best - crit0));
            return true;

            void Keep(int j, int at)
            {
                bestFeature = j;
                double mid = 0.5 * (keys[at] + keys[at + 1]);
                cut = mid < keys[at + 1] ? mid : keys[at]; // adjacent doubles: the midpoint may round up
            }
        }
    }
}
