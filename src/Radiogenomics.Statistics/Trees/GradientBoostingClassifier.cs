namespace Radiogenomics.Statistics;

/// <summary>
/// Gradient-boosted trees with logistic loss, grown as scikit-learn's GradientBoostingClassifier grows them: start from
/// the prior log-odds; each round fits a regression tree to the residuals y − p with the friedman_mse criterion (split
/// score (n_r·S_l − n_l·S_r)² / (n_l·n_r), the first best split kept; values read in single precision, values within 1e-7
/// not separated; split points midway), depth-first to <c>MaxDepth</c>, a node of one residual value left terminal; each
/// leaf then takes the Newton step Σ(y − p) / Σ p(1 − p), and the log-odds move by η times it. Row subsampling (without
/// replacement, per round), per-tree feature sampling and a minimum child Hessian are offered beyond scikit-learn; with
/// their defaults the fit is deterministic. scikit-learn visits features in a random order and keeps the first of
/// exactly equal splits; here features are visited in order, so only exactly tied splits on different features can differ.
/// </summary>
public static class GradientBoostingClassifier
{
    private const double FeatureThreshold = 1e-7;
    private const double Epsilon = 2.220446049250313e-16;

    public static GradientBoostedTrees Fit(IReadOnlyList<double[]> columns, IReadOnlyList<double> labels, GradientBoostingOptions? options = null)
    {
        options ??= new GradientBoostingOptions();
        int p = columns.Count, n = labels.Count;
        if (p == 0) throw new ArgumentException("boosting needs at least one feature");
        if (options.Rounds < 1 || options.MaxDepth < 1) throw new ArgumentException("boosting needs at least one round and depth ≥ 1");
        if (!(options.LearningRate > 0)) throw new ArgumentException("the learning rate must be positive");
        if (!(options.Subsample > 0 && options.Subsample <= 1) || !(options.ColumnSample > 0 && options.ColumnSample <= 1))
            throw new ArgumentException("subsample and column sample are shares in (0, 1]");
        var y = new double[n];
        for (int i = 0; i < n; i++)
            y[i] = labels[i] is 0 or 1 ? labels[i] : throw new ArgumentException($"label {i + 1} is {labels[i]}, not 0 or 1");
        if (y.All(v => v == y[0])) throw new ArgumentException($"every label is {y[0]}: a classifier needs both classes");
        // scikit-learn's trees read single-precision values.
        var x = new double[p][];
        for (int j = 0; j < p; j++)
        {
            if (columns[j].Length != n) throw new ArgumentException($"feature {j + 1} has {columns[j].Length} values for {n} labels");
            x[j] = new double[n];
            for (int i = 0; i < n; i++)
            {
                double v = columns[j][i];
                if (!double.IsFinite(v)) throw new ArgumentException($"feature {j + 1}, case {i + 1} is {v}: boosting needs finite values");
                x[j][i] = (float)v;
            }
        }

        double prior = y.Sum() / n;
        double eps32 = MathF.BitIncrement(1f) - 1f; // float32 machine epsilon, scikit-learn's clip of the prior
        prior = Math.Clamp(prior, eps32, 1 - eps32);
        double init = Math.Log(prior / (1 - prior));
        var raw = Enumerable.Repeat(init, n).ToArray();
        var residual = new double[n];
        var random = new Random(options.Seed);
        var trees = new List<RegressionTree>(options.Rounds);
        var importanceSum = new double[p];
        int splittingTrees = 0;
        int inBagCount = options.Subsample < 1 ? Math.Max(1, (int)(options.Subsample * n)) : n;
        int featureCount = options.ColumnSample < 1 ? Math.Max(1, (int)(options.ColumnSample * p)) : p;
        var all = Enumerable.Range(0, n).ToArray();
        var allFeatures = Enumerable.Range(0, p).ToArray();
        for (int round = 0; round < options.Rounds; round++)
        {
            for (int i = 0; i < n; i++) residual[i] = y[i] - 1.0 / (1.0 + Math.Exp(-raw[i]));
            int[] samples = all.ToArray();
            if (inBagCount < n) { random.Shuffle(samples); samples = samples[..inBagCount]; Array.Sort(samples); }
            int[] features = allFeatures;
            if (featureCount < p) { features = allFeatures.ToArray(); random.Shuffle(features); features = features[..featureCount]; Array.Sort(features); }
            var builder = new Builder(x, y, residual, features, options);
            var (tree, importance) = builder.Build(samples);
            trees.Add(tree);
            if (tree.NodeCount > 1)
            {
                splittingTrees++;
                for (int j = 0; j < p; j++) importanceSum[j] += importance[j];
            }
            for (int i = 0; i < n; i++) raw[i] += options.LearningRate * tree.Value[tree.TerminalNode(x, i)];
        }
        var featureImportance = new double[p];
        if (splittingTrees > 0)
        {
            double total = 0;
            for (int j = 0; j < p; j++) { featureImportance[j] = importanceSum[j] / splittingTrees; total += featureImportance[j]; }
            if (total > 0) for (int j = 0; j < p; j++) featureImportance[j] /= total;
        }
        return new GradientBoostedTrees(init, options.LearningRate, trees, p, featureImportance);
    }

    /// <summary>Grows one round's tree on the in-bag rows, then sets its leaves to the Newton step.</summary>
    private sealed class Builder(double[][] x, double[] y, double[] residual, int[] features, GradientBoostingOptions options)
    {
        private readonly List<int> feature = [], left = [], right = [];
        private readonly List<double> threshold = [], value = [];
        private double[] importance = [];
        private double rootWeight;

        public (RegressionTree, double[]) Build(int[] samples)
        {
            importance = new double[x.Length];
            rootWeight = samples.Length;
            var keys = new double[samples.Length];
            var items = new int[samples.Length];
            Grow(samples, 0, samples.Length, 0, Impurity(samples, 0, samples.Length), keys, items);
            for (int j = 0; j < importance.Length; j++) importance[j] /= rootWeight;
            return (new RegressionTree([.. feature], [.. threshold], [.. left], [.. right], [.. value]), importance);
        }

        private double Impurity(int[] samples, int start, int end)
        {
            double sum = 0, sq = 0;
            for (int i = start; i < end; i++) { double r = residual[samples[i]]; sum += r; sq += r * r; }
            double w = end - start, mean = sum / w;
            return sq / w - mean * mean;
        }

        private int Grow(int[] samples, int start, int end, int depth, double impurity, double[] keys, int[] items)
        {
            int node = feature.Count;
            feature.Add(-1); threshold.Add(0); left.Add(-1); right.Add(-1); value.Add(0);
            int n = end - start;
            bool leaf = depth >= options.MaxDepth || n < 2 || impurity <= Epsilon;
            int bestFeature = -1;
            double bestProxy = double.NegativeInfinity, cut = 0;
            if (!leaf)
            {
                double total = 0, hTotal = 0;
                for (int i = start; i < end; i++)
                {
                    total += residual[samples[i]];
                    double pr = y[samples[i]] - residual[samples[i]];
                    hTotal += pr * (1 - pr);
                }
                foreach (int j in features)
                {
                    var xj = x[j];
                    for (int i = 0; i < n; i++) { items[i] = samples[start + i]; keys[i] = xj[items[i]]; }
                    Array.Sort(keys, items, 0, n);
                    if (keys[n - 1] <= keys[0] + FeatureThreshold) continue;
                    double sumLeft = 0, hLeft = 0;
                    for (int pos = 1; pos < n; pos++)
                    {
                        int c = items[pos - 1];
                        sumLeft += residual[c];
                        if (options.MinChildWeight > 0) { double pr = y[c] - residual[c]; hLeft += pr * (1 - pr); }
                        if (keys[pos] <= keys[pos - 1] + FeatureThreshold) continue;
                        if (options.MinChildWeight > 0 && (hLeft < options.MinChildWeight || hTotal - hLeft < options.MinChildWeight)) continue;
                        double nl = pos, nr = n - pos, sumRight = total - sumLeft;
                        double diff = nr * sumLeft - nl * sumRight;
                        double proxy = diff * diff / (nl * nr);
                        if (proxy > bestProxy)
                        {
                            bestProxy = proxy;
                            bestFeature = j;
                            cut = keys[pos - 1] / 2.0 + keys[pos] / 2.0;
                            if (cut == keys[pos] || double.IsInfinity(cut)) cut = keys[pos - 1];
                        }
                    }
                }
                leaf = bestFeature < 0;
            }
            if (leaf)
            {
                // Newton step of the logistic loss: Σ (y − p) / Σ p (1 − p), with p = y − residual.
                double numerator = 0, denominator = 0;
                for (int i = start; i < end; i++)
                {
                    int s = samples[i];
                    numerator += residual[s];
                    denominator += (y[s] - residual[s]) * (1 - y[s] + residual[s]);
                }
                value[node] = Math.Abs(denominator) < 1e-150 ? 0 : numerator / denominator;
                return node;
            }
            // Partition by the rule the tree will apply (≤ threshold left), keeping the sample order.
            var xb = x[bestFeature];
            int l = start;
            var rightPart = new List<int>();
            for (int i = start; i < end; i++)
                if (xb[samples[i]] <= cut) samples[l++] = samples[i]; else rightPart.Add(samples[i]);
            rightPart.CopyTo(samples, l);
            double impurityLeft = Impurity(samples, start, l), impurityRight = Impurity(samples, l, end);
            importance[bestFeature] += n * impurity - (l - start) * impurityLeft - (end - l) * impurityRight;
            feature[node] = bestFeature;
            threshold[node] = cut;
            left[node] = Grow(samples, start, l, depth + 1, impurityLeft, keys, items);
            right[node] = Grow(samples, l, end, depth + 1, impurityRight, keys, items);
            return node;
        }
    }
}
