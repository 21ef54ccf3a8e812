using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// A trained gradient-boosted classifier (classify.boosting's) as sections of one cached <c>model</c> table beside the
/// <see cref="ClassifierModel"/> header (label rule, Youden cut-off, input features), so classify.apply scores a new
/// cohort without retraining: <c>meta</c> rows <c>initial_log_odds</c> (the base score) and <c>learning_rate</c>, and
/// <c>node</c> rows (tree, node, variable = the feature split on, feature_index, threshold, left, right, value = a
/// terminal node's Newton step). A new cohort's features are looked up by name and scored as
/// 1 / (1 + exp(−(base + η · Σ leaf values))), each value read in single precision as in training.
/// </summary>
public sealed class GradientBoostingModel
{
    /// <summary>The <see cref="ClassifierModel.Kind"/> of a boosting model table.</summary>
    public const string Kind = "gradient_boosting";

    public GradientBoostingModel(GradientBoostedTrees boosted, IReadOnlyList<string> features)
    {
        if (boosted.FeatureCount != features.Count) throw new ArgumentException($"the model takes {boosted.FeatureCount} features, {features.Count} names given");
        Boosted = boosted; Features = features;
    }

    public GradientBoostedTrees Boosted { get; }

    /// <summary>Names of the feature-table columns the trees read, in the model's feature order.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>
    /// Writes the <c>model</c> table: <paramref name="header"/>'s meta and feature rows (kind <see cref="Kind"/>, label rule,
    /// Youden cut-off, features), the base score and learning rate as meta rows, and one <c>node</c> row per tree node.
    /// </summary>
    public void Write(ClassifierModel header, string path)
    {
        if (header.Kind != Kind) throw new ArgumentException($"a boosting model's header has kind {Kind}, not {header.Kind}");
        if (!header.Features.SequenceEqual(Features)) throw new ArgumentException("the header's features are not the model's features");
        var meta = new Table()
            .Add("section", new string?[] { "meta", "meta" })
            .Add("key", new string?[] { "initial_log_odds", "learning_rate" })
            .Add("value", new double?[] { Boosted.InitialLogOdds, Boosted.LearningRate })
            .Add("text", new string?[] { "log-odds of the training prevalence: the base score", "η, times every leaf value" });
        var tree = new List<int?>(); var node = new List<int?>(); var variable = new List<string?>(); var index = new List<int?>();
        var threshold = new List<double?>(); var left = new List<int?>(); var right = new List<int?>(); var value = new List<double?>();
        for (int t = 0; t < Boosted.Trees.Count; t++)
        {
            var d = Boosted.Trees[t];
            for (int k = 0; k < d.NodeCount; k++)
            {
                bool inner = d.Feature[k] >= 0;
                tree.Add(t + 1); node.Add(k); variable.Add(inner ? Features[d.Feature[k]] : null); index.Add(d.Feature[k]);
                threshold.Add(inner ? d.Threshold[k] : null); left.Add(inner ? d.Left[k] : null); right.Add(inner ? d.Right[k] : null);
                value.Add(inner ? null : d.Value[k]);
            }
        }
        var nodes = new Table().Add("section", tree.Select(_ => (string?)"node").ToArray()).Add("variable", variable.ToArray())
            .Add("tree", tree.ToArray()).Add("node", node.ToArray()).Add("feature_index", index.ToArray()).Add("threshold", threshold.ToArray())
            .Add("left", left.ToArray()).Add("right", right.ToArray()).Add("value", value.ToArray());
        ParquetFile.Write(ModelTableRows.Stack(header.ToTable(), meta, nodes), path);
    }

    /// <summary>
    /// The boosted trees of a <c>model</c> table read by <see cref="ClassifierModel.Read"/> (<paramref name="path"/> names it in
    /// errors); a table that is not a whole boosting model is a <see cref="DataProblemException"/> naming the file and row.
    /// </summary>
    public static GradientBoostingModel Read(ClassifierModel model, string path)
    {
        const string fix = "bind the model output of classify.boosting, unmodified (rerun the stage to rewrite it)";
        if (model.Kind != Kind) throw new DataProblemException(path, "meta 'kind'", $"is '{model.Kind}', not {Kind}", fix);
        var t = model.Table ?? throw new ArgumentException("the model was not read from a table");
        foreach (var c in new[] { "tree", "node", "feature_index", "threshold", "left", "right", "value", "variable" })
            if (!t.Contains(c)) throw new DataProblemException(path, "header", $"has no column '{c}'", fix);
        var section = t.GetStrings("section"); var key = t.GetStrings("key"); var metaValue = t.GetNullableDoubles("value");
        double Meta(string name)
        {
            for (int r = 0; r < t.RowCount; r++)
                if (section[r] == "meta" && key[r] == name)
                    return metaValue[r] is { } v && double.IsFinite(v) ? v : throw new DataProblemException(path, $"meta '{name}'", "has no finite value", fix);
            throw new DataProblemException(path, $"meta '{name}'", "is missing", fix);
        }
        double init = Meta("initial_log_odds"), eta = Meta("learning_rate");
        var features = model.Features.ToList();

        var feature = t.GetNullableInt32s("feature_index");
        var threshold = t.GetNullableDoubles("threshold"); var left = t.GetNullableInt32s("left"); var right = t.GetNullableInt32s("right");
        var value = t.GetNullableDoubles("value"); var variable = t.GetStrings("variable");
        var trees = new List<RegressionTree>();
        foreach (var (name, r) in ModelTableRows.TreeNodeRows(t, section, path, fix))
        {
            foreach (int x in r)
            {
                int f = feature[x] ?? -1;
                if (f >= features.Count) throw new DataProblemException(path, $"row {x + 1}", $"splits on feature {f}, but the model has {features.Count} features", fix);
                if (f >= 0 && variable[x] != features[f])
                    throw new DataProblemException(path, $"row {x + 1}", $"names variable '{variable[x]}' for feature {f}, which is '{features[f]}'", fix);
                if (f >= 0 ? threshold[x] is not { } th || double.IsNaN(th) : value[x] is not { } v || !double.IsFinite(v))
                    throw new DataProblemException(path, $"row {x + 1}", f >= 0 ? "is a split without a threshold" : "is a leaf without a finite value", fix);
            }
            try
            {
                trees.Add(new RegressionTree(r.Select(x => feature[x] ?? -1).ToArray(), r.Select(x => threshold[x] ?? 0).ToArray(),
                    r.Select(x => left[x] ?? -1).ToArray(), r.Select(x => right[x] ?? -1).ToArray(), r.Select(x => value[x] ?? 0).ToArray()));
            }
            catch (ArgumentException e) { throw new DataProblemException(path, name, e.Message, fix); }
        }
        // The importance is not part of the artefact (classify.boosting writes it as its importance table).
        var importance = Enumerable.Repeat(double.NaN, features.Count).ToArray();
        return new GradientBoostingModel(new GradientBoostedTrees(init, eta, trees, features.Count, importance), features);
    }

    /// <summary>Probability of class 1 for every row of <paramref name="features"/>; its columns are found by name.</summary>
    public double[] Score(FeatureMatrix features, string table = "features")
    {
        var used = Boosted.Trees.SelectMany(t => t.Feature).Where(f => f >= 0).Distinct().Order();
        var columns = ModelTableRows.ColumnsByName(features, Features, used, "the boosted trees need", table);
        return Boosted.Score(columns);
    }
}
