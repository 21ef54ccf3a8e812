using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Radiogenomics.Engine.Provenance;
using Radiogenomics.Tables;

namespace Radiogenomics.Report;

/// <summary>
/// Builds the report's sections from an archived run: each section appears only when the run has its data
/// (a stage of the right kind with the right outputs), so a partial or failed run gets a shorter report, not an error.
/// </summary>
internal sealed partial class ReportComposer(RunCrateSummary run, VerificationReport? verification, string? verifyProblem)
{
    private readonly List<string> _plotSpecs = [];
    private readonly HashSet<string> _shownOutputs = new(StringComparer.Ordinal); // "stage/output": figures already in a section
    private DuckDbConnection? _db;

    private DuckDbConnection Db => _db ??= new DuckDbConnection();

    public string Compose()
    {
        try
        {
            var sections = new List<ReportSection?>
            {
                Summary(), Dag(), Cohort(), Previews(), Autoencoder(), Associations(), PatientStructure(), Classifiers(), Survival(), Truth(), OtherFigures(),
            }.OfType<ReportSection>().ToList();
            var html = new StringBuilder();
            html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
            html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
            html.Append(CultureInfo.InvariantCulture, $"<title>{Html.Text($"Run {run.RunId} · {run.WorkflowName}")}</title>\n");
            html.Append("<style>").Append(ReportAssets.Style).Append("</style>\n");
            html.Append(CultureInfo.InvariantCulture, $"<script>/* {PlotlyLibrary.Version} (MIT) */\n").Append(PlotlyLibrary.InlineScript).Append("\n</script>\n<script>performance.mark('rg-plotly-ready');</script>\n</head>\n<body>\n");
            html.Append(CultureInfo.InvariantCulture, $"<header><h1>Radiogenomics run report: {Html.Text(run.WorkflowName)}</h1><p>run {Html.Text(run.RunId)} · {(run.Succeeded ? "succeeded" : "failed")} · {Html.Text(Time(run.EndedUtc))}</p></header>\n");
            html.Append("<nav>");
            foreach (var s in sections) html.Append(CultureInfo.InvariantCulture, $"<a href=\"#{s.Id}\">{Html.Text(s.Title)}</a>");
            html.Append("</nav>\n<main>\n");
            foreach (var s in sections)
                html.Append(CultureInfo.InvariantCulture, $"<section id=\"{s.Id}\"><h2>{Html.Text(s.Title)}</h2>\n{s.Body}</section>\n");
            html.Append("</main>\n");
            foreach (var spec in _plotSpecs) html.Append(spec);
            html.Append("<script>").Append(ReportAssets.Script).Append("</script>\n</body></html>\n");
            return html.ToString();
        }
        finally
        {
            _db?.Dispose();
        }
    }

    // ---- run summary ------------------------------------------------------------------------------

    private ReportSection Summary()
    {
        var b = new StringBuilder();
        b.Append("<table>");
        Row(b, "workflow", $"{Html.Text(run.WorkflowName)} (<a href=\"{Html.Attr(run.WorkflowFile)}\">{Html.Text(run.WorkflowFile)}</a>)");
        if (run.WorkflowCommit is { } commit) Row(b, "workspace commit", Html.Text(commit) + (run.UncommittedChanges == true ? " <span class=\"muted\">(with uncommitted changes)</span>" : ""));
        Row(b, "status", run.Succeeded ? "<span class=\"badge ok\">succeeded</span>" : "<span class=\"badge bad\">failed</span>");
        Row(b, "targets", run.Targets.Count == 0 ? "every stage" : Html.Text(string.Join(", ", run.Targets)));
        Row(b, "started / ended (UTC)", $"{Html.Text(Time(run.StartedUtc))} / {Html.Text(Time(run.EndedUtc))}" +
            (run.StartedUtc is { } s && run.EndedUtc is { } e ? $" ({Html.Text(Seconds(e - s))})" : ""));
        Row(b, "provenance", $"<a href=\"{RunArchive.MetadataFile}\">{RunArchive.MetadataFile}</a> (Workflow Run RO-Crate 0.5)");
        Row(b, "verify", verification is null
            ? $"<span class=\"badge bad\">not checked</span> {Html.Text(verifyProblem)}"
            : verification.Intact
                ? $"<span class=\"badge ok\">intact</span> {verification.FilesChecked.ToString(CultureInfo.InvariantCulture)} files re-hashed (SHA-256) when this report was written" +
                  (verification.ChangedInputs.Count > 0 ? $"; {verification.ChangedInputs.Count.ToString(CultureInfo.InvariantCulture)} input file(s) changed since the run" : "")
                : $"<span class=\"badge bad\">{verification.Mismatches.Count.ToString(CultureInfo.InvariantCulture)} mismatch(es)</span> {Html.Text(string.Join("; ", verification.Mismatches.Take(5)))}");
        b.Append("</table>\n");

        b.Append("<h3>Stages</h3><table id=\"stages\"><thead><tr><th>stage</th><th>kind</th><th>status</th><th>time</th><th>device</th><th>why</th></tr></thead><tbody>\n");
        foreach (var st in run.Stages)
        {
            string time = st.Elapsed is { } el ? st.Status == "cached" ? $"<span class=\"muted\">{Html.Text(Seconds(el))} when it ran</span>" : Html.Text(Seconds(el)) : "";
            b.Append(CultureInfo.InvariantCulture, $"<tr data-stage=\"{Html.Attr(st.StageId)}\"><td>{Html.Text(st.StageId)}</td><td>{Html.Text(st.Kind)}</td><td class=\"status-{Html.Attr(st.Status)}\">{Html.Text(st.Status)}</td><td class=\"num\">{time}</td><td>{Html.Text(st.Device)}</td><td>{Html.Text(st.Error ?? st.Description)}</td></tr>\n");
        }
        b.Append("</tbody></table>\n");

        foreach (var st in run.Stages.Where(st => st.Status == "failed"))
        {
            b.Append(CultureInfo.InvariantCulture, $"<div class=\"failure\" data-stage=\"{Html.Attr(st.StageId)}\"><strong>{Html.Text(st.StageId)} failed:</strong> {Html.Text(st.Error ?? st.Description)}");
            foreach (var ev in st.Evidence) b.Append(CultureInfo.InvariantCulture, $" · <a href=\"{Html.Attr(ev)}\">{Html.Text(ev)}</a>");
            if (st.ErrorDetail is { } detail) b.Append("<details><summary>exception and stack trace</summary><pre>").Append(Html.Text(detail)).Append("</pre></details>");
            b.Append("</div>\n");
        }
        foreach (var st in run.Stages)
        {
            foreach (var line in st.FactLines("headlines")) b.Append(CultureInfo.InvariantCulture, $"<div class=\"headline\"><strong>{Html.Text(st.StageId)}</strong>: {Html.Text(line)}</div>\n");
            foreach (var line in st.FactLines("warnings")) b.Append(CultureInfo.InvariantCulture, $"<div class=\"warning\"><strong>warning {Html.Text(st.StageId)}</strong>: {Html.Text(line)}</div>\n");
        }

        b.Append("<h3>Software and machine</h3><table><tbody>");
        foreach (var (name, version) in run.Software) Row(b, Html.Text(name), Html.Text(version));
        Row(b, "Plotly.js (this report)", Html.Text(PlotlyLibrary.Version));
        foreach (var (name, value) in run.Machine) Row(b, Html.Text(name), Html.Text(value));
        b.Append("</tbody></table>\n");
        return new ReportSection("summary", "Run summary", b.ToString());
    }

    private ReportSection? Dag()
    {
        WorkflowDag dag;
        try { dag = WorkflowDag.FromRun(run); }
        catch (Exception e) when (e is IOException or FormatException or KeyNotFoundException)
        {
            return new ReportSection("dag", "Workflow", $"<p class=\"muted\">The workflow graph could not be drawn: {Html.Text(e.Message)}</p>");
        }
        return new ReportSection("dag", "Workflow", "<div class=\"dag-wrap\">" + dag.ToSvg() + "</div><p class=\"muted\">Each stage after the last of its needs; colour: what this run did with it (<code>rg dag</code> draws the same).</p>\n");
    }

    // ---- data sections ----------------------------------------------------------------------------

    private ReportSection? Cohort()
    {
        var b = new StringBuilder();
        foreach (var st in run.StagesOfKind("preprocess."))
        {
            if (ReadTable(st, "flowchart") is { } flow && flow.Contains("step") && flow.Contains("patients"))
            {
                var steps = flow.GetStrings("step");
                var (counts, _) = Html.Cells(flow, flow["patients"]);
                b.Append(CultureInfo.InvariantCulture, $"<h3>{Html.Text(st.StageId)}: patients at each step</h3><div class=\"flow\" data-stage=\"{Html.Attr(st.StageId)}\">");
                for (int i = 0; i < steps.Length; i++)
                {
                    if (i > 0) b.Append("<div class=\"arrow\">↓</div>");
                    b.Append(CultureInfo.InvariantCulture, $"<div class=\"step\"><strong>{Html.Text(counts[i])}</strong> {Html.Text(steps[i])}</div>");
                }
                b.Append("</div>\n");
            }
            if (ReadTable(st, "exclusions") is { } exclusions)
                b.Append(exclusions.RowCount == 0 ? "<p>No patient was excluded.</p>" : Html.Table(exclusions, 500, $"{st.StageId}: excluded patients and why", $"{st.StageId}-exclusions"));
        }
        return b.Length == 0 ? null : new ReportSection("cohort", "Cohort", b.ToString());
    }

    private ReportSection? Previews()
    {
        var b = new StringBuilder();
        foreach (var st in run.Stages.Where(s => s.Kind.StartsWith("fetch.", StringComparison.Ordinal) || s.Kind.StartsWith("preprocess.", StringComparison.Ordinal)))
            b.Append(Figure(st, "preview", st.Kind.StartsWith("fetch.", StringComparison.Ordinal)
                ? "middle slices read back from the DICOM files" : "preprocessed tensors (the network's input)"));
        return b.Length == 0 ? null : new ReportSection("previews", "Images", b.ToString());
    }

    private ReportSection? Autoencoder()
    {
        var b = new StringBuilder();
        foreach (var st in run.StagesOfKind("extract."))
        {
            if (ReadTable(st, "training") is { } training && training.Contains("epoch"))
            {
                _shownOutputs.Add($"{st.StageId}/losses");
                var epochs = Html.Cells(training, training["epoch"]).Value;
                var traces = new JsonArray();
                foreach (var c in training.Columns.Where(c => c.Name is not "epoch" and not "best" && c.Type is ColumnType.Double or ColumnType.Float))
                {
                    var (_, values) = Html.Cells(training, c);
                    if (values.All(v => v is null)) continue;
                    bool predictor = c.Name.Contains("constant", StringComparison.Ordinal) || c.Name.Contains("mean_pixel", StringComparison.Ordinal);
                    traces.Add(new JsonObject
                    {
                        ["type"] = "scatter", ["mode"] = "lines+markers", ["name"] = c.Name,
                        ["x"] = Numbers(epochs), ["y"] = Numbers(values),
                        ["line"] = new JsonObject { ["dash"] = predictor ? "dash" : "solid" },
                        ["hovertemplate"] = $"{c.Name}<br>epoch %{{x}}: %{{y:.5f}}<extra></extra>",
                    });
                }
                b.Append(CultureInfo.InvariantCulture, $"<h3>{Html.Text(st.StageId)}: loss per epoch</h3>");
                var layout = Layout("loss per epoch (dashed: the constant mean-pixel predictor)", "epoch", "mean squared reconstruction error", logY: true);
                layout["xaxis"]!["tickformat"] = "d"; // whole epochs
                b.Append(Plot($"{st.StageId}-losses", traces, layout));
            }
            b.Append(Figure(st, "kernels", "the feature map of each kernel for one sample image"));
            if (ReadTable(st, "constant_features") is { } dead && dead.RowCount > 0)
                b.Append(Html.Table(dead, 200, $"{st.StageId}: constant (dead) features per kernel", $"{st.StageId}-constant"));
        }
        return b.Length == 0 ? null : new ReportSection("autoencoder", "Autoencoder", b.ToString());
    }

    private ReportSection? Associations()
    {
        var b = new StringBuilder();
        foreach (var st in run.StagesOfKind("associate."))
        {
            if (!st.Results.TryGetValue("associations", out var rel) || !File.Exists(Path.Combine(run.RunDirectory, rel))) continue;
            string path = Path.Combine(run.RunDirectory, rel);
            var heatmap = AssociationHeatmap.Read(Db, path);
            b.Append(CultureInfo.InvariantCulture, $"<h3>{Html.Text(st.StageId)}: −log10 q of every pair</h3>");
            b.Append($"<p class=\"muted\">{heatmap.Features.ToString("N0", CultureInfo.InvariantCulture)} radiomic × {heatmap.ColumnLabels.Count.ToString("N0", CultureInfo.InvariantCulture)} genomic features" +
                (heatmap.FeaturesPerRow > 1 ? $"; each row pools {heatmap.FeaturesPerRow.ToString(CultureInfo.InvariantCulture)} consecutive radiomic features and shows their largest −log10 q, so the browser draws {heatmap.RowLabels.Count.ToString(CultureInfo.InvariantCulture)} rows and no signal is hidden" : "") +
                ". Drag to zoom, double-click to reset; hover for values.</p>");
            var spec = heatmap.PlotSpec("−log10 q");
            b.Append(Plot($"{st.StageId}-heatmap", spec["data"]!.AsArray(), spec["layout"]!.AsObject()));
            _shownOutputs.Add($"{st.StageId}/heatmap");
            b.Append(Figure(st, "heatmap_top", "the radiomic and genomic features with the smallest q, clustered (static, for papers)"));

            b.Append(Volcano(st, path));
            var top = Db.Query($"SELECT * FROM read_parquet('{path.Replace("'", "''")}') ORDER BY q ASC NULLS LAST, p ASC NULLS LAST LIMIT 500");
            b.Append(Html.Table(top, 500, $"{st.StageId}: pairs with the smallest q (click a header to sort)", $"{st.StageId}-top"));
            if (ReadTable(st, "summary") is { } summary && summary.RowCount > 0)
                b.Append(Html.Table(summary, 500, $"{st.StageId}: per genomic feature", $"{st.StageId}-summary"));
        }
        return b.Length == 0 ? null : new ReportSection("associations", "Associations", b.ToString());
    }

    /// <summary>
    /// Effect against −log10 p for the <see cref="VolcanoPoints"/> pairs with the smallest p (SVG markers stay
    /// responsive at that count; the rest lie below the lowest drawn point), q &lt; 0.05 highlighted.
    /// </summary>
    private string Volcano(StageExecution st, string path)
    {
        var schema = ParquetFile.ReadSchema(path).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        if (new[] { "beta", "estimate", "logFC" }.FirstOrDefault(schema.Contains) is not { } effect || !schema.Contains("p") || !schema.Contains("q")) return "";
        string source = $"read_parquet('{path.Replace("'", "''")}')";
        var points = Db.Query($"""
            SELECT feature, genomic_feature, CAST("{effect}" AS DOUBLE) AS effect, -log10(greatest(p, 1e-300)) AS lp, q
            FROM {source} WHERE p IS NOT NULL AND "{effect}" IS NOT NULL ORDER BY p, feature, genomic_feature LIMIT {VolcanoPoints}
            """);
        long total = Db.Query($"SELECT count(*) AS n FROM {source} WHERE p IS NOT NULL").GetInt64s("n")[0];
        if (points.RowCount == 0) return "";
        var q = points.GetDoubles("q");
        var x = points.GetDoubles("effect");
        var y = points.GetDoubles("lp");
        var label = points.GetStrings("feature").Zip(points.GetStrings("genomic_feature"), (f, g) => $"{f} ~ {g}").ToArray();
        var traces = new JsonArray();
        foreach (var (name, significant, colour) in new[] { ("q ≥ 0.05", false, "#a0aec0"), ("q < 0.05", true, "#c53030") })
        {
            var rows = Enumerable.Range(0, points.RowCount).Where(i => (q[i] < 0.05) == significant).ToArray();
            if (rows.Length == 0) continue;
            traces.Add(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "markers", ["name"] = name,
                ["x"] = Numbers(rows.Select(i => (double?)x[i])), ["y"] = Numbers(rows.Select(i => (double?)Math.Round(y[i], 4))),
                ["text"] = new JsonArray(rows.Select(i => (JsonNode?)JsonValue.Create(label[i])).ToArray()),
                ["marker"] = new JsonObject { ["color"] = colour, ["size"] = 5, ["opacity"] = 0.7 },
                ["hovertemplate"] = $"%{{text}}<br>{effect} %{{x:.4g}}<br>−log10 p %{{y:.3f}}<extra></extra>",
            });
        }
        string note = total > points.RowCount
            ? $"<p class=\"muted\">The {points.RowCount.ToString("N0", CultureInfo.InvariantCulture)} pairs with the smallest p of {total.ToString("N0", CultureInfo.InvariantCulture)}; the others have −log10 p below {y.Min().ToString("0.00", CultureInfo.InvariantCulture)}.</p>"
            : "";
        return Plot($"{st.StageId}-volcano", traces, Layout($"volcano: {effect} against −log10 p", effect, "−log10 p", logY: false)) + note;
    }

    private const int VolcanoPoints = 2000;

    private ReportSection? Truth()
    {
        var b = new StringBuilder();
        foreach (var st in run.StagesOfKind("evaluate.").Where(s => s.Kind != "evaluate.classifiers")) // classifiers: their own section
        {
            foreach (var line in st.FactLines("headlines")) b.Append(CultureInfo.InvariantCulture, $"<div class=\"headline\">{Html.Text(line)}</div>\n");
            if (ReadTable(st, "properties") is { } properties && properties.Contains("property"))
            {
                var names = properties.GetStrings("property").Select(n => n ?? "").ToArray();
                var traces = new JsonArray();
                foreach (var (column, label) in new[] { ("best_r", "best |r| of any feature"), ("chance_abs_r_95", "chance level (95th percentile of the best |r| over permutations)") })
                    if (properties.Contains(column))
                        traces.Add(new JsonObject
                        {
                            ["type"] = "bar", ["name"] = label, ["x"] = new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
                            ["y"] = Numbers(Html.Cells(properties, properties[column]).Value.Select(v => v is { } d ? Math.Abs(d) : (double?)null)),
                        });
                if (traces.Count > 0)
                    b.Append(Plot($"{st.StageId}-properties", traces, Layout("planted tumour properties: best |r| against chance", "planted property", "|r| (patient level)", logY: false)));
                b.Append(Html.Table(properties, 100, $"{st.StageId}: planted tumour properties", $"{st.StageId}-properties-table"));
            }
            foreach (var name in new[] { "summary", "genomic_recall" })
                if (ReadTable(st, name) is { } t && t.RowCount > 0)
                    b.Append(Html.Table(t, 1000, $"{st.StageId}: {name.Replace('_', ' ')}", $"{st.StageId}-{name}"));
        }
        return b.Length == 0 ? null : new ReportSection("truth", "Planted truth", b.ToString());
    }

    /// <summary>Figures of stages no section above knows (new stage kinds still show what they drew).</summary>
    private ReportSection? OtherFigures()
    {
        var b = new StringBuilder();
        foreach (var st in run.Stages)
        foreach (var name in st.Results.Keys.Where(k => k.EndsWith("_svg", StringComparison.Ordinal)).Select(k => k[..^4]).Order(StringComparer.Ordinal))
            if (!_shownOutputs.Contains($"{st.StageId}/{name}"))
                b.Append(Figure(st, name, name.Replace('_', ' ')));
        return b.Length == 0 ? null : new ReportSection("figures", "Other figures", b.ToString());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Table? ReadTable(StageExecution stage, string output)
    {
        if (!stage.Results.TryGetValue(output, out var rel) || !rel.EndsWith(".parquet", StringComparison.Ordinal)) return null;
        string path = Path.Combine(run.RunDirectory, rel);
        return File.Exists(path) ? ParquetFile.Read(path) : null;
    }

    /// <summary>A stage figure inlined as an SVG image (a data URI keeps each SVG's ids to itself), else its PNG.</summary>
    private string Figure(StageExecution stage, string output, string caption)
    {
        string? file = null, mime = null;
        if (stage.Results.TryGetValue(output + "_svg", out var svg) && File.Exists(Path.Combine(run.RunDirectory, svg))) (file, mime) = (svg, "image/svg+xml");
        else if (stage.Results.TryGetValue(output, out var png) && png.EndsWith(".png", StringComparison.Ordinal) && File.Exists(Path.Combine(run.RunDirectory, png))) (file, mime) = (png, "image/png");
        if (file is null) return "";
        _shownOutputs.Add($"{stage.StageId}/{output}");
        string data = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(run.RunDirectory, file)));
        return $"<figure data-output=\"{Html.Attr(stage.StageId + "/" + output)}\"><img alt=\"{Html.Attr(caption)}\" src=\"data:{mime};base64,{data}\"><figcaption>{Html.Text(stage.StageId)}: {Html.Text(caption)} ({Html.Text(file)})</figcaption></figure>\n";
    }

    private string Plot(string id, JsonArray traces, JsonObject layout)
    {
        string specId = "spec-" + id;
        var spec = new JsonObject { ["data"] = traces.Parent is null ? traces : traces.DeepClone(), ["layout"] = layout.Parent is null ? layout : layout.DeepClone() };
        _plotSpecs.Add($"<script type=\"application/json\" id=\"{Html.Attr(specId)}\">{Html.Script(spec.ToJsonString())}</script>\n");
        // The div gets the plot's height: Plotly's responsive mode sizes the plot to its div.
        int height = layout["height"] is JsonValue h && h.TryGetValue(out int px) ? px : 420;
        return $"<div class=\"plot\" id=\"{Html.Attr(id)}\" data-spec=\"{Html.Attr(specId)}\" style=\"height:{height.ToString(CultureInfo.InvariantCulture)}px\"></div>\n";
    }

    private static JsonObject Layout(string title, string x, string y, bool logY) => new()
    {
        ["title"] = new JsonObject { ["text"] = title },
        ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = x } },
        ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = y }, ["type"] = logY ? "log" : "linear" },
        ["height"] = 420, ["margin"] = new JsonObject { ["t"] = 50 },
    };

    private static JsonArray Numbers(IEnumerable<double?> values) => new(values.Select(v => v is { } d && double.IsFinite(d) ? JsonValue.Create(d) : null).ToArray());

    private static void Row(StringBuilder b, string header, string html) => b.Append(CultureInfo.InvariantCulture, $"<tr><th>{header}</th><td>{html}</td></tr>");

    private static string Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
