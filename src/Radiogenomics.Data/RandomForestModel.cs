using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// A trained random-forest classifier as two cached tables, so a later stage (classify.apply) scores a new cohort
/// without retraining. The nodes table: tree, node, feature (the forest's input name; null at a terminal node),
/// feature_index, threshold, left, right, probability (share of class 1 among the node's bootstrap cases), vote. The
/// selection table: selection (none, pca, relieff), output_index, output, input, and for PCA center, scale, loading and
/// sdev per (component, input feature), for ReliefF the kept features' weight. A new cohort's features are looked up by
/// input name, transformed by the stored selection and scored as the share of trees voting 1.
/// </summary>
public sealed class RandomForestModel
{
    public RandomForestModel(RandomForest forest, FeatureSelection selection, IReadOnlyList<string> inputFeatures)
    {
        if (selection.InputCount != inputFeatures.Count) throw new ArgumentException($"the selection takes {selection.InputCount} features, {inputFeatures.Count} names given");
        if (selection.OutputCount != forest.FeatureCount) throw new ArgumentException($"the selection gives {selection.OutputCount} features, the forest takes {forest.FeatureCount}");
        Forest = forest; Selection = selection; InputFeatures = inputFeatures;
    }

    public RandomForest Forest { get; }
    public FeatureSelection Selection { get; }
    /// <summary>Names of the feature-table columns the selection reads, in its input order.</summary>
    public IReadOnlyList<string> InputFeatures { get; }

    /// <summary>Names of the forest's own features: the kept input features, or PC1, PC2, … after PCA.</summary>
    public string[] ForestFeatures => Selection.Pca is { } pca
        ? Enumerable.Range(1, pca.Components).Select(c => $"PC{c}").ToArray()
        : Selection.Kept.Select(j => InputFeatures[j]).ToArray();

    public void Write(string nodesPath, string selectionPath)
    {
        var names = ForestFeatures;
        var tree = new List<int>(); var node = new List<int>(); var feature = new List<string?>(); var index = new List<int>();
        var threshold = new List<double?>(); var left = new List<int?>(); var right = new List<int?>(); var probability = new List<double>(); var vote = new List<int>();
        for (int t = 0; t < Forest.Trees.Count; t++)
        {
            var d = Forest.Trees[t];
            for (int k = 0; k < d.NodeCount; k++)
            {
                bool inner = d.Feature[k] >= 0;
                tree.Add(t + 1); node.Add(k); feature.Add(inner ? names[d.Feature[k]] : null); index.Add(d.Feature[k]);
                threshold.Add(inner ? d.Threshold[k] : null); left.Add(inner ? d.Left[k] : null); right.Add(inner ? d.Right[k] : null);
                probability.Add(d.Probability[k]); vote.Add(d.Vote[k]);
            }
        }
        ParquetFile.Write(new Table().Add("tree", tree.ToArray()).Add("node", node.ToArray()).Add("feature", feature.ToArray())
            .Add("feature_index", index.ToArray()).Add("threshold", threshold.ToArray()).Add("left", left.ToArray()).Add("right", right.ToArray())
            .Add("probability", probability.ToArray()).Add("vote", vote.ToArray()), nodesPath);

        string kind = Selection.Kind switch { FeatureSelectionKind.Pca => "pca", FeatureSelectionKind.ReliefF => "relieff", _ => "none" };
        var outIndex = new List<int>(); var output = new List<string?>(); var input = new List<string?>();
        var center = new List<double?>(); var scale = new List<double?>(); var loading = new List<double?>(); var sdev = new List<double?>(); var weight = new List<double?>();
        if (Selection.Pca is { } pca)
        {
            for (int c = 0; c < pca.Components; c++)
                for (int j = 0; j < InputFeatures.Count; j++)
                {
                    outIndex.Add(c); output.Add(names[c]); input.Add(InputFeatures[j]); center.Add(pca.Center[j]); scale.Add(pca.Scale[j]);
                    loading.Add(pca.Loadings[c][j]); sdev.Add(pca.StandardDeviations[c]); weight.Add(null);
                }
        }
        else
        {
            for (int o = 0; o < Selection.Kept.Length; o++)
            {
                int j = Selection.Kept[o];
                outIndex.Add(o); output.Add(names[o]); input.Add(InputFeatures[j]); center.Add(null); scale.Add(null); loading.Add(null); sdev.Add(null);
                weight.Add(Selection.Weights?[j]);
            }
        }
        ParquetFile.Write(new Table().Add("selection", output.Select(_ => (string?)kind).ToArray()).Add("output_index", outIndex.ToArray())
            .Add("output", output.ToArray()).Add("input", input.ToArray()).Add("center", center.ToArray()).Add("scale", scale.ToArray())
            .Add("loading", loading.ToArray()).Add("sdev", sdev.ToArray()).Add("weight", weight.ToArray()), selectionPath);
    }

    public static RandomForestModel Read(string nodesPath, string selectionPath)
    {
        var s = ParquetFile.Read(selectionPath);
        foreach (var c in new[] { "selection", "output_index", "input", "center", "scale", "loading", "sdev" })
            if (!s.Contains(c)) throw new DataProblemException(selectionPath, "header", $"has no column '{c}'", "bind the model_selection output of classify.forest");
        if (s.RowCount == 0) throw new DataProblemException(selectionPath, "rows", "has no rows", "bind the model_selection output of classify.forest");
        var kindText = s.GetStrings("selection")[0];
        var kind = kindText switch
        {
            "pca" => FeatureSelectionKind.Pca, "relieff" => FeatureSelectionKind.ReliefF, "none" => FeatureSelectionKind.None,
            _ => throw new DataProblemException(selectionPath, "column 'selection'", $"is '{kindText}'", "use none, pca or relieff"),
        };
        var outIndex = s.GetInt32s("output_index");
        var inputs = s.GetStrings("input");
        FeatureSelection selection;
        List<string> inputNames;
        if (kind == FeatureSelectionKind.Pca)
        {
            inputNames = inputs.Where((_, r) => outIndex[r] == 0).Select(v => v!).ToList();
            int p = inputNames.Count, components = outIndex.Max() + 1;
            if (s.RowCount != p * components) throw new DataProblemException(selectionPath, "rows", $"has {s.RowCount} rows, not {components} components × {p} features", "bind an unmodified model_selection table");
            var center = s.GetNullableDoubles("center"); var scale = s.GetNullableDoubles("scale");
            var loading = s.GetNullableDoubles("loading"); var sdev = s.GetNullableDoubles("sdev");
            var loadings = new double[components][];
            for (int c = 0; c < components; c++) loadings[c] = Enumerable.Range(c * p, p).Select(r => loading[r] ?? 0).ToArray();
            selection = FeatureSelection.FromParts(kind, p, [], PrincipalComponents.FromParts(
                Enumerable.Range(0, p).Select(j => center[j] ?? 0).ToArray(), Enumerable.Range(0, p).Select(j => scale[j] ?? 0).ToArray(),
                loadings, Enumerable.Range(0, components).Select(c => sdev[c * p] ?? 0).ToArray()));
        }
        else
        {
            inputNames = inputs.Select(v => v!).ToList();
            selection = FeatureSelection.FromParts(kind, inputNames.Count, Enumerable.Range(0, inputNames.Count).ToArray(), null);
        }

        var t = ParquetFile.Read(nodesPath);
        foreach (var c in new[] { "tree", "node", "feature_index", "threshold", "left", "right", "probability", "vote" })
            if (!t.Contains(c)) throw new DataProblemException(nodesPath, "header", $"has no column '{c}'", "bind the model output of classify.forest");
        var tree = t.GetInt32s("tree"); var node = t.GetInt32s("node"); var feature = t.GetInt32s("feature_index");
        var threshold = t.GetNullableDoubles("threshold"); var left = t.GetNullableInt32s("left"); var right = t.GetNullableInt32s("right");
        var probability = t.GetDoubles("probability"); var vote = t.GetInt32s("vote");
        var trees = new List<DecisionTree>();
        int row = 0;
        while (row < t.RowCount)
        {
            int first = row;
            while (row < t.RowCount && tree[row] == tree[first]) row++;
            var r = Enumerable.Range(first, row - first).ToArray();
            if (r.Where((x, k) => node[x] != k).Any()) throw new DataProblemException(nodesPath, $"tree {tree[first]}", "does not list its nodes 0, 1, 2, … in order", "bind an unmodified model table");
            try
            {
                trees.Add(new DecisionTree(r.Select(x => feature[x]).ToArray(), r.Select(x => threshold[x] ?? 0).ToArray(), r.Select(x => left[x] ?? -1).ToArray(),
                    r.Select(x => right[x] ?? -1).ToArray(), r.Select(x => probability[x]).ToArray(), r.Select(x => vote[x]).ToArray()));
            }
            catch (ArgumentException e) { throw new DataProblemException(nodesPath, $"tree {tree[first]}", e.Message, "bind an unmodified model table"); }
        }
        return new RandomForestModel(new RandomForest(trees, selection.OutputCount), selection, inputNames);
    }

    /// <summary>Score (share of trees voting 1) of every row of <paramref name="features"/>; its columns are found by name.</summary>
    public double[] Score(FeatureMatrix features, string table = "features")
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < features.FeatureCount; j++) byName.TryAdd(features.FeatureNames[j], j);
        var missing = InputFeatures.Where(n => !byName.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new DataProblemException(table, $"feature column '{missing[0]}'", $"is missing ({missing.Count} of the model's {InputFeatures.Count} features are)",
                "score a feature table made by the same extraction as the training cohort");
        var columns = InputFeatures.Select(n => features.Columns[byName[n]]).ToArray();
        return Forest.Score(Selection.Apply(columns));
    }
}
