using System.Globalization;
using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// The <c>model</c> table a classify stage writes: a trained classifier as a cached artefact that <c>classify.apply</c>
/// scores new cohorts with, without retraining. Rows are <c>section</c> = <c>meta</c> (key, value or text: kind, trained_by,
/// label rule with the quantile cut-off fitted on the training cohort, the training data's Youden cut-off, how image scores
/// become a patient score), <c>label</c> (the positive, negative and excluded levels when a rule names more than one), <c>term</c> (one per coefficient, see <see cref="ModelTerm"/>) and <c>feature</c> (every
/// feature the model was trained on, in order). Other kinds (<c>random_forest</c> from classify.forest) add their own
/// sections; <see cref="Table"/> keeps the whole table for them.
/// </summary>
public sealed class ClassifierModel
{
    public const string LogisticKind = "logistic";

    public ClassifierModel(string kind, string trainedBy, LabelRule rule, double labelCutoff, double youdenCutoff, string aggregation,
        IReadOnlyList<ModelTerm> terms, IReadOnlyList<string> features)
    {
        Kind = kind;
        TrainedBy = trainedBy;
        Rule = rule;
        LabelCutoff = labelCutoff;
        YoudenCutoff = youdenCutoff;
        Aggregation = aggregation;
        Terms = terms;
        Features = features;
    }

    /// <summary><c>logistic</c> (classify.lasso, classify.nomogram) or another kind's name (<c>random_forest</c>).</summary>
    public string Kind { get; }

    /// <summary>The stage that trained the model; its predictions carry this name.</summary>
    public string TrainedBy { get; }

    public LabelRule Rule { get; }

    /// <summary>The numeric cut-off of a threshold or quantile rule as fitted on the training cohort (NaN for 0/1 and text labels).</summary>
    public double LabelCutoff { get; }

    /// <summary>The Youden cut-off of the model's scores on its training patients.</summary>
    public double YoudenCutoff { get; }

    /// <summary>How a patient's score is formed: <c>patient</c>, or <c>mean image probability</c> for image-level features.</summary>
    public string Aggregation { get; }

    public IReadOnlyList<ModelTerm> Terms { get; }

    /// <summary>Every feature the model was trained on (terms with a zero coefficient included).</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>The whole table as read (other kinds' sections), or null for a model built in memory.</summary>
    public Table? Table { get; private init; }

    /// <summary>The label rule with a quantile replaced by its training cut-off, so a new cohort's labels use the training cohort's threshold.</summary>
    public LabelRule FrozenRule => Rule.Quantile is not null && double.IsFinite(LabelCutoff) ? Rule with { Quantile = null, Threshold = LabelCutoff } : Rule;

    public void Write(string path) => ParquetFile.Write(ToTable(), path);

    /// <summary>The model's meta, term and feature rows (section, key, input, variable, level, value, text); other kinds append their own sections.</summary>
    public Table ToTable()
    {
        var section = new List<string?>(); var key = new List<string?>(); var input = new List<string?>(); var variable = new List<string?>();
        var level = new List<string?>(); var value = new List<double?>(); var text = new List<string?>();
        void Row(string s, string k, string? i, string? v, string? l, double? x, string? t)
        {
            section.Add(s); key.Add(k); input.Add(i); variable.Add(v); level.Add(l); value.Add(x is { } d && double.IsFinite(d) ? d : null); text.Add(t);
        }
        Row("meta", "kind", null, null, null, null, Kind);
        Row("meta", "trained_by", null, null, null, null, TrainedBy);
        Row("meta", "label_column", null, null, null, null, Rule.Column);
        if (Rule.Levels is { IsSinglePositive: true } single) Row("meta", "label_positive", null, null, null, null, single.Positive[0]);
        else if (Rule.Levels is { IsEmpty: false } levels)
        {
            // Several levels: one row per named level (section label, key positive / negative / exclude), and how they match.
            foreach (var (list, name) in new[] { (levels.Positive, "positive"), (levels.Negative, "negative"), (levels.Exclude, "exclude") })
                foreach (var l in list) Row("label", name, null, null, null, null, l);
            Row("meta", "label_match", null, null, null, null, levels.Prefix ? "prefix" : "exact");
        }
        if (Rule.Threshold is { } threshold) Row("meta", "label_threshold", null, null, null, threshold, null);
        if (Rule.Quantile is { } quantile) Row("meta", "label_quantile", null, null, null, quantile, null);
        Row("meta", "label_cutoff", null, null, null, LabelCutoff, "fitted on the training cohort");
        Row("meta", "youden_cutoff", null, null, null, YoudenCutoff, "chosen on the training patients' scores");
        Row("meta", "aggregation", null, null, null, null, Aggregation);
        foreach (var t in Terms) Row("term", t.Term, t.Input, t.Variable, t.Level, t.Estimate, null);
        foreach (var f in Features) Row("feature", f, ModelTerm.Feature, f, null, null, null);
        return new Table().Add("section", section.ToArray()).Add("key", key.ToArray()).Add("input", input.ToArray())
            .Add("variable", variable.ToArray()).Add("level", level.ToArray()).Add("value", value.ToArray()).Add("text", text.ToArray());
    }

    /// <summary>Reads a model table; a table that is not one is a <see cref="DataProblemException"/> naming the file.</summary>
    public static ClassifierModel Read(string path)
    {
        var t = ParquetFile.Read(path);
        foreach (var c in new[] { "section", "key", "value", "text" })
            if (!t.Contains(c)) throw new DataProblemException(path, "header", $"has no column '{c}'", "bind the model output of a classify stage (classify.lasso, classify.nomogram, classify.forest)");
        var section = t.GetStrings("section"); var key = t.GetStrings("key"); var value = t.GetNullableDoubles("value"); var text = t.GetStrings("text");
        var input = t.Contains("input") ? t.GetStrings("input") : new string?[t.RowCount];
        var variable = t.Contains("variable") ? t.GetStrings("variable") : new string?[t.RowCount];
        var level = t.Contains("level") ? t.GetStrings("level") : new string?[t.RowCount];
        var meta = new Dictionary<string, (double? Value, string? Text)>(StringComparer.Ordinal);
        var terms = new List<ModelTerm>();
        var features = new List<string>();
        var named = new Dictionary<string, List<string>>(StringComparer.Ordinal) { ["positive"] = [], ["negative"] = [], ["exclude"] = [] };
        for (int i = 0; i < t.RowCount; i++)
        {
            if (section[i] == "meta" && key[i] is { } k) meta[k] = (value[i], text[i]);
            else if (section[i] == "term")
            {
                if (key[i] is null || input[i] is null || value[i] is null)
                    throw new DataProblemException(path, $"row {i + 1}", "is a term without a name, input or estimate", "rewrite the model by rerunning the classify stage that trained it");
                terms.Add(new ModelTerm(key[i]!, input[i]!, variable[i], level[i], value[i]!.Value));
            }
            else if (section[i] == "feature" && key[i] is { } f) features.Add(f);
            else if (section[i] == "label" && key[i] is { } k2 && named.TryGetValue(k2, out var list) && text[i] is { } l) list.Add(l);
        }
        string Meta(string name) => meta.TryGetValue(name, out var m) && m.Text is { } s ? s
            : throw new DataProblemException(path, $"meta '{name}'", "is missing", "rerun the classify stage that trained the model");
        double? Number(string name) => meta.TryGetValue(name, out var m) ? m.Value : null;
        var levels = meta.TryGetValue("label_positive", out var p) && p.Text is { } positive ? LabelLevels.Of(positive)
            : named.Values.Any(v => v.Count > 0) ? new LabelLevels(named["positive"], named["negative"], named["exclude"], meta.TryGetValue("label_match", out var m) && m.Text == "prefix")
            : null;
        var rule = new LabelRule(Meta("label_column"), levels, Number("label_threshold"), Number("label_quantile"));
        return new ClassifierModel(Meta("kind"), Meta("trained_by"), rule, Number("label_cutoff") ?? double.NaN, Number("youden_cutoff") ?? double.NaN,
            meta.TryGetValue("aggregation", out var a) ? a.Text ?? "patient" : "patient", terms, features) { Table = t };
    }

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} model by {1} ({2} terms)", Kind, TrainedBy, Terms.Count);
}
