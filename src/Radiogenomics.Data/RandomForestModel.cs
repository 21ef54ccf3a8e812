using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// A trained random-forest classifier (classify.forest's) as sections of one cached <c>model</c> table beside the
/// <see cref="ClassifierModel"/> header (label rule, Youden cut-off, input features), so classify.apply scores a new
/// cohort without retraining: <c>node</c> rows (tree, node, feature_index, threshold, left, right, probability = share of
/// class 1 among the node's bootstrap cases, vote) and <c>selection</c> rows (none, pca or relieff fitted on the training
/// patients: the kept input features, or per component and input feature its center, scale, loading and sdev). A new
/// cohort's features are looked up by input name, transformed by the stored selection and scored as the share of trees
/// voting 1.
/// </summary>
public sealed class RandomForestModel
{
    /// <summary>The <see cref="ClassifierModel.Kind"/> of a forest's model table.</summary>
    public const string Kind = "random_forest";

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

    /// <summary>
    /// Writes the <c>model</c> table: <paramref name="header"/>'s meta and feature rows (kind <see cref="Kind"/>, label rule,
    /// Youden cut-off, input features), one <c>node</c> row per tree node (tree, node, variable = the forest feature split on,
    /// feature_index, threshold, left, right, probability, vote) and one <c>selection</c> row per selection entry (text = none,
    /// pca or relieff; key = the forest feature, variable = the input feature, output_index, and center, scale, loading, sdev
    /// for PCA or weight for ReliefF). One table carries all classify.apply needs.
    /// </summary>
    public void Write(ClassifierModel header, string path)
    {
        if (header.Kind != Kind) throw new ArgumentException($"a forest's header has kind {Kind}, not {header.Kind}");
        if (!header.Features.SequenceEqual(InputFeatures)) throw new ArgumentException("the header's features are not the forest's input features");
        var names = ForestFeatures;
        var tree = new List<int?>(); var node = new List<int?>(); var feature = new List<string?>(); var index = new List<int?>();
        var threshold = new List<double?>(); var left = new List<int?>(); var right = new List<int?>(); var probability = new List<double?>(); var vote = new List<int?>();
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
        var nodes = new Table().Add("section", tree.Select(_ => (string?)"node").ToArray()).Add("variable", feature.ToArray())
            .Add("tree", tree.ToArray()).Add("node", node.ToArray()).Add("feature_index", index.ToArray()).Add("threshold", threshold.ToArray())
            .Add("left", left.ToArray()).Add("right", right.ToArray()).Add("probability", probability.ToArray()).Add("vote", vote.ToArray());
        var s = SelectionTable();
        var selection = new Table().Add("section", s.GetStrings("selection").Select(_ => (string?)"selection").ToArray())
            .Add("key", s.GetStrings("output")).Add("input", s.GetStrings("input").Select(_ => (string?)ModelTerm.Feature).ToArray())
            .Add("variable", s.GetStrings("input")).Add("text", s.GetStrings("selection")).Add("output_index", s.GetNullableInt32s("output_index"));
        foreach (var c in new[] { "center", "scale", "loading", "sdev", "weight" }) selection.Add(c, s.GetNullableDoubles(c));
        ParquetFile.Write(ModelTableRows.Stack(header.ToTable(), nodes, selection), path);
    }

    /// <summary>The selection alone, for reading: selection (none, pca, relieff), output_index, output, input, center, scale, loading, sdev, weight.</summary>
    public Table SelectionTable()
    {
        var names = ForestFeatures;
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
        return new Table().Add("selection", output.Select(_ => (string?)kind).ToArray()).Add("output_index", outIndex.ToArray())
            .Add("output", output.ToArray()).Add("input", input.ToArray()).Add("center", center.ToArray()).Add("scale", scale.ToArray())
            .Add("loading", loading.ToArray()).Add("sdev", sdev.ToArray()).Add("weight", weight.ToArray());
    }

    /// <summary>
    /// The forest of a <c>model</c> table read by <see cref="ClassifierModel.Read"/> (<paramref name="path"/> names it in
    /// errors); a table that is not a whole forest model is a <see cref="DataProblemException"/> naming the file and row.
    /// </summary>
    public static RandomForestModel Read(ClassifierModel model, string path)
    {
        const string fix = "bind the model output of classify.forest, unmodified (rerun the stage to rewrite it)";
        if (model.Kind != Kind) throw new DataProblemException(path, "meta 'kind'", $"is '{model.Kind}', not {Kind}", fix);
        var t = model.Table ?? throw new ArgumentException("the model was not read from a table");
        foreach (var c in new[] { "tree", "node", "feature_index", "threshold", "left", "right", "probability", "vote", "output_index", "center", "scale", "loading", "sdev" })
            if (!t.Contains(c)) throw new DataProblemException(path, "header", $"has no column '{c}'", fix);
        var section = t.GetStrings("section");
        var inputs = model.Features.ToList();
        var inputIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < inputs.Count; j++) inputIndex.TryAdd(inputs[j], j);

        // The selection: rows in (output_index, input) order as written.
        var sel = Enumerable.Range(0, t.RowCount).Where(r => section[r] == "selection").ToArray();
        if (sel.Length == 0) throw new DataProblemException(path, "section 'selection'", "has no rows", fix);
        var text = t.GetStrings("text"); var variable = t.GetStrings("variable"); var outIndex = t.GetNullableInt32s("output_index");
        var kindText = text[sel[0]];
        var kind = kindText switch
        {
            "pca" => FeatureSelectionKind.Pca, "relieff" => FeatureSelectionKind.ReliefF, "none" => FeatureSelectionKind.None,
            _ => throw new DataProblemException(path, $"row {sel[0] + 1}", $"names selection '{kindText}'", "use none, pca or relieff; " + fix),
        };
        int InputOf(int r) => variable[r] is { } v && inputIndex.TryGetValue(v, out int j) ? j
            : throw new DataProblemException(path, $"row {r + 1}", $"selects input '{variable[r]}', which is not one of the model's features", fix);
        int OutputOf(int r) => outIndex[r] is { } o && o >= 0 ? o : throw new DataProblemException(path, $"row {r + 1}", "has no output_index", fix);
        FeatureSelection selection;
        if (kind == FeatureSelectionKind.Pca)
        {
            int p = inputs.Count, components = sel.Max(OutputOf) + 1;
            if (sel.Length != p * components)
                throw new DataProblemException(path, "section 'selection'", $"has {sel.Length} rows, not {components} components × {p} features", fix);
            var center = t.GetNullableDoubles("center"); var scale = t.GetNullableDoubles("scale");
            var loading = t.GetNullableDoubles("loading"); var sdev = t.GetNullableDoubles("sdev");
            var centers = new double[p]; var scales = new double[p]; var sdevs = new double[components];
            var loadings = Enumerable.Range(0, components).Select(_ => new double[p]).ToArray();
            double Value(double?[] column, int r, string name) => column[r] is { } v && double.IsFinite(v) ? v
                : throw new DataProblemException(path, $"row {r + 1}", $"has no {name}", fix);
            foreach (int r in sel)
            {
                int c = OutputOf(r), j = InputOf(r);
                loadings[c][j] = Value(loading, r, "loading"); centers[j] = Value(center, r, "center"); scales[j] = Value(scale, r, "scale"); sdevs[c] = Value(sdev, r, "sdev");
            }
            selection = FeatureSelection.FromParts(kind, p, [], PrincipalComponents.FromParts(centers, scales, loadings, sdevs));
        }
        else
        {
            var kept = sel.OrderBy(OutputOf).Select(InputOf).ToArray();
            if (sel.Select(OutputOf).Order().Where((o, i) => o != i).Any())
                throw new DataProblemException(path, "section 'selection'", "does not number its outputs 0, 1, 2, …", fix);
            selection = FeatureSelection.FromParts(kind, inputs.Count, kept, null);
        }

        var feature = t.GetNullableInt32s("feature_index");
        var threshold = t.GetNullableDoubles("threshold"); var left = t.GetNullableInt32s("left"); var right = t.GetNullableInt32s("right");
        var probability = t.GetNullableDoubles("probability"); var vote = t.GetNullableInt32s("vote");
        var trees = new List<DecisionTree>();
        foreach (var (name, r) in ModelTableRows.TreeNodeRows(t, section, path, fix))
        {
            try
            {
                trees.Add(new DecisionTree(r.Select(x => feature[x] ?? -1).ToArray(), r.Select(x => threshold[x] ?? 0).ToArray(), r.Select(x => left[x] ?? -1).ToArray(),
                    r.Select(x => right[x] ?? -1).ToArray(), r.Select(x => probability[x] ?? double.NaN).ToArray(), r.Select(x => vote[x] ?? 0).ToArray()));
            }
            catch (ArgumentException e) { throw new DataProblemException(path, name, e.Message, fix); }
        }
        try { return new RandomForestModel(new RandomForest(trees, selection.OutputCount), selection, inputs); }
        catch (ArgumentException e) { throw new DataProblemException(path, "section 'node'", e.Message, fix); }
    }

    /// <summary>Score (share of trees voting 1) of every row of <paramref name="features"/>; its columns are found by name.</summary>
    public double[] Score(FeatureMatrix features, string table = "features")
    {
        var used = Selection.Pca is null ? Selection.Kept : Enumerable.Range(0, InputFeatures.Count).ToArray();
        var columns = ModelTableRows.ColumnsByName(features, InputFeatures, used, "the forest needs", table);
        return Forest.Score(Selection.Apply(columns));
    }
}
