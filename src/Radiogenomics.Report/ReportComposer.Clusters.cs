using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Radiogenomics.Tables;

namespace Radiogenomics.Report;

/// <summary>The "Patient structure" section: t-SNE maps (explore.tsne) and the clustered heatmap with clinical side bars (explore.clusters).</summary>
internal sealed partial class ReportComposer
{
    /// <summary>Above this many features the heatmap averages consecutive features (in their clustered order) into this many columns.</summary>
    private const int MaxHeatmapFeatures = 512;

    private static readonly string[] CategoryColours =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];

    private const string MissingColour = "#e2e8f0";

    private ReportSection? PatientStructure()
    {
        var b = new StringBuilder();
        foreach (var st in run.StagesOfKind("explore."))
        {
            if (ReadTable(st, "embedding") is { } embedding && embedding.Contains("level") && embedding.Contains("x") && embedding.Contains("y"))
                foreach (var level in embedding.GetStrings("level").Distinct().OfType<string>())
                    b.Append(TsneMap(st, embedding, level));
            if (ReadTable(st, "heatmap") is { } heatmap && ReadTable(st, "assignments") is { } assignments)
                b.Append(ClusterHeatmap(st, heatmap, assignments, ReadTable(st, "tree")));
            if (ReadTable(st, "enrichment") is { } enrichment)
                b.Append(enrichment.RowCount == 0
                    ? "<p class=\"muted\">No categorical clinical label to test (bind a clinical table).</p>"
                    : Html.Table(enrichment, 200, $"{st.StageId}: clinical labels against the clusters (Fisher's exact test, BH q over labels; table: patients per level in clusters 1/2/…)", $"{st.StageId}-enrichment"));
        }
        return b.Length == 0 ? null : new ReportSection("structure", "Patient structure", b.ToString());
    }

    /// <summary>
    /// One scatter per (label, level) pair; a dropdown shows one label's traces at a time (Plotly's own updatemenus, no
    /// extra script), so every point keeps its hover text (id, patient, every label).
    /// </summary>
    private string TsneMap(StageExecution st, Table embedding, string level)
    {
        var rows = Enumerable.Range(0, embedding.RowCount).Where(i => embedding.GetStrings("level")[i] == level).ToArray();
        var ids = embedding.GetStrings("id");
        var x = embedding.GetDoubles("x");
        var y = embedding.GetDoubles("y");
        var labels = embedding.ColumnNames.Where(c => c is not ("id" or "level" or "patient_id" or "x" or "y")).ToList();
        var hover = rows.Select(i => string.Join("<br>", new[] { $"{level} {ids[i]}" }
            .Concat(labels.Select(l => $"{l}: {embedding.GetStrings(l)[i] ?? "NA"}")))).ToArray();

        var traces = new JsonArray();
        var groups = new List<(string Label, int First, int Count)>();
        foreach (var label in labels.Count == 0 ? [""] : labels)
        {
            int first = traces.Count;
            var values = label.Length == 0 ? rows.Select(_ => (string?)"all").ToArray() : rows.Select(i => embedding.GetStrings(label)[i]).ToArray();
            var levels = values.Where(v => v is not null).Distinct().Order(StringComparer.Ordinal).Cast<string?>().ToList();
            if (values.Any(v => v is null)) levels.Add(null);
            for (int k = 0; k < levels.Count; k++)
            {
                var members = Enumerable.Range(0, rows.Length).Where(j => values[j] == levels[k]).ToArray();
                traces.Add(new JsonObject
                {
                    ["type"] = "scatter", ["mode"] = "markers", ["name"] = levels[k] ?? "NA",
                    ["legendgroup"] = label, ["visible"] = groups.Count == 0,
                    ["x"] = Numbers(members.Select(j => (double?)Math.Round(x[rows[j]], 4))),
                    ["y"] = Numbers(members.Select(j => (double?)Math.Round(y[rows[j]], 4))),
                    ["text"] = new JsonArray(members.Select(j => (JsonNode?)JsonValue.Create(hover[j])).ToArray()),
                    ["hovertemplate"] = "%{text}<extra></extra>",
                    ["marker"] = new JsonObject
                    {
                        ["color"] = levels[k] is null ? MissingColour : CategoryColours[k % CategoryColours.Length],
                        ["size"] = level == "patient" ? 8 : 5, ["opacity"] = 0.8,
                    },
                });
            }
            groups.Add((label, first, traces.Count - first));
        }
        var layout = Layout($"t-SNE of {rows.Length.ToString("N0", CultureInfo.InvariantCulture)} {level}s" + (labels.Count > 0 ? " — colour by the label chosen on the left" : ""),
            "t-SNE 1", "t-SNE 2", logY: false);
        layout["height"] = 520;
        if (labels.Count > 0)
            layout["updatemenus"] = new JsonArray(new JsonObject
            {
                ["type"] = "dropdown", ["x"] = 0, ["xanchor"] = "left", ["y"] = 1.12, ["yanchor"] = "top", ["showactive"] = true,
                ["buttons"] = new JsonArray(groups.Select(g => (JsonNode?)new JsonObject
                {
                    ["label"] = g.Label, ["method"] = "restyle",
                    ["args"] = new JsonArray("visible", new JsonArray(Enumerable.Range(0, traces.Count)
                        .Select(t => (JsonNode?)JsonValue.Create(t >= g.First && t < g.First + g.Count)).ToArray())),
                }).ToArray()),
            });
        return $"<h3>{Html.Text(st.StageId)}: t-SNE of {Html.Text(level)}s</h3>" +
            "<p class=\"muted\">Exact t-SNE (Rtsne's algorithm with theta = 0, fixed seed). Distances between far-apart groups are not meaningful; neighbourhoods are.</p>" +
            Plot($"{st.StageId}-tsne-{level}", traces, layout);
    }

    /// <summary>
    /// Standardised features (rows) × patients in dendrogram order (columns), colours clipped at ±3 SD, with the
    /// dendrogram above and a side bar per clinical label (and the cluster) between them. Many features are averaged in
    /// bins of consecutive (clustered-order) features so the browser draws at most <see cref="MaxHeatmapFeatures"/> rows.
    /// </summary>
    private string ClusterHeatmap(StageExecution st, Table heatmap, Table assignments, Table? tree)
    {
        var patients = heatmap.GetStrings("patient_id");
        int n = patients.Length;
        var features = heatmap.ColumnNames.Where(c => c != "patient_id").ToList();
        int bin = Math.Max(1, (features.Count + MaxHeatmapFeatures - 1) / MaxHeatmapFeatures);
        int rowsDrawn = (features.Count + bin - 1) / bin;
        var cells = new JsonArray();
        var rowLabels = new JsonArray();
        for (int r = 0; r < rowsDrawn; r++)
        {
            var members = features.Skip(r * bin).Take(bin).ToList();
            var sums = new double[n];
            foreach (var f in members) { var v = heatmap.GetDoubles(f); for (int i = 0; i < n; i++) sums[i] += v[i]; }
            cells.Add(new JsonArray(sums.Select(s => (JsonNode?)JsonValue.Create(Math.Round(s / members.Count, 3))).ToArray()));
            rowLabels.Add(members.Count == 1 ? members[0] : $"{members[0]}–{members[^1]}");
        }
        var xs = new JsonArray(patients.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
        var traces = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "heatmap", ["z"] = cells, ["x"] = xs, ["y"] = rowLabels, ["xaxis"] = "x", ["yaxis"] = "y",
                ["colorscale"] = "RdBu", ["zmin"] = -3, ["zmax"] = 3, ["zmid"] = 0,
                ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "z (SD)" }, ["len"] = 0.6, ["y"] = 0.3 },
                ["hovertemplate"] = "patient %{x}<br>%{y}<br>z %{z}<extra></extra>",
            },
        };

        // Side bars: the cluster, then each clinical label; one heatmap row each with its own discrete colours.
        var byPatient = assignments.GetStrings("patient_id").Select((p, i) => (p, i)).Where(t => t.p is not null).ToDictionary(t => t.p!, t => t.i, StringComparer.Ordinal);
        var bars = new List<(string Name, string?[] Values)>
        {
            ("cluster", patients.Select(p => p is not null && byPatient.TryGetValue(p, out var i) ? assignments.GetInt32s("cluster")[i].ToString(CultureInfo.InvariantCulture) : null).ToArray()),
        };
        foreach (var label in assignments.ColumnNames.Where(c => c is not ("patient_id" or "cluster")))
            bars.Add((label, patients.Select(p => p is not null && byPatient.TryGetValue(p, out var i) ? assignments.GetStrings(label)[i] : null).ToArray()));
        // One heatmap for all bars: each (bar, level) gets its own code and a stepped colour scale maps each code to one
        // colour (a bar's levels in the palette's order, grey for missing), so the rows share one aligned axis.
        var colours = new List<string>();
        var z = new JsonArray();
        var text = new JsonArray();
        foreach (var (name, values) in bars)
        {
            var levels = values.OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
            int first = colours.Count;
            colours.AddRange(levels.Select((_, k) => CategoryColours[k % CategoryColours.Length]));
            colours.Add(MissingColour);
            z.Add(new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(first + (v is null ? levels.Count : levels.IndexOf(v)) + 0.5)).ToArray()));
            text.Add(new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create($"{name}: {v ?? "NA"}")).ToArray()));
        }
        var scale = new JsonArray();
        for (int c = 0; c < colours.Count; c++)
        {
            scale.Add(new JsonArray(JsonValue.Create((double)c / colours.Count), colours[c]));
            scale.Add(new JsonArray(JsonValue.Create((double)(c + 1) / colours.Count), colours[c]));
        }
        traces.Add(new JsonObject
        {
            ["type"] = "heatmap", ["x"] = xs.DeepClone(), ["y"] = new JsonArray(bars.Select(b => (JsonNode?)JsonValue.Create(b.Name)).ToArray()),
            ["xaxis"] = "x", ["yaxis"] = "y2", ["z"] = z, ["text"] = text, ["xgap"] = 0, ["ygap"] = 2,
            ["zmin"] = 0, ["zmax"] = colours.Count, ["colorscale"] = scale, ["showscale"] = false,
            ["hovertemplate"] = "patient %{x}<br>%{text}<extra></extra>",
        });

        var dendrogram = tree is null ? null : Dendrogram(tree, n);
        if (dendrogram is not null) traces.Add(dendrogram);
        bool top = dendrogram is not null;
        var layout = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = $"{n.ToString(CultureInfo.InvariantCulture)} patients clustered on {features.Count.ToString("N0", CultureInfo.InvariantCulture)} standardised features" },
            ["height"] = 760, ["margin"] = new JsonObject { ["t"] = 60, ["l"] = 10 }, ["showlegend"] = false,
            ["xaxis"] = new JsonObject { ["showticklabels"] = n <= 80, ["tickangle"] = -90, ["automargin"] = true, ["title"] = new JsonObject { ["text"] = "patients (dendrogram order)" } },
            ["yaxis"] = new JsonObject
            {
                ["domain"] = new JsonArray(0, top ? 0.62 : 0.76), ["autorange"] = "reversed", ["automargin"] = true,
                ["showticklabels"] = rowsDrawn <= 60,
                ["title"] = new JsonObject { ["text"] = bin > 1 ? $"features, {bin.ToString(CultureInfo.InvariantCulture)} per row (their mean z)" : "features (clustered)" },
            },
            ["yaxis2"] = new JsonObject { ["domain"] = new JsonArray(top ? 0.635 : 0.775, top ? 0.78 : 1.0), ["autorange"] = "reversed", ["automargin"] = true },
        };
        if (top)
        {
            // Its own linear x axis over the same span as the patients' category axis (positions −0.5 … n − 0.5).
            layout["xaxis2"] = new JsonObject { ["anchor"] = "y3", ["range"] = new JsonArray(-0.5, n - 0.5), ["showticklabels"] = false, ["showgrid"] = false, ["zeroline"] = false };
            layout["yaxis3"] = new JsonObject { ["domain"] = new JsonArray(0.795, 1.0), ["anchor"] = "x2", ["showgrid"] = false, ["zeroline"] = false, ["title"] = new JsonObject { ["text"] = "height" } };
        }
        return $"<h3>{Html.Text(st.StageId)}: clustered heatmap with clinical bars</h3>" +
            "<p class=\"muted\">Columns: patients in the dendrogram's order; bars: the cut clusters and each clinical label (grey: missing); cells: each feature's z-score, clipped at ±3. Hover for values; drag to zoom.</p>" +
            Plot($"{st.StageId}-heatmap", traces, layout);
    }

    /// <summary>The dendrogram as one line trace on xaxis2/yaxis3 (leaves at the patients' column positions 0..n−1).</summary>
    private static JsonObject? Dendrogram(Table tree, int n)
    {
        if (!tree.Contains("left") || tree.RowCount != n - 1) return null;
        var left = tree.GetInt32s("left");
        var right = tree.GetInt32s("right");
        var height = tree.GetDoubles("height");
        // Leaf x from the order the merges imply (R's order: the tree drawn left to right).
        var leafX = new double[n];
        var order = new List<int>();
        void Leaves(int code) { if (code < 0) order.Add(-code - 1); else { Leaves(left[code - 1]); Leaves(right[code - 1]); } }
        Leaves(n - 1);
        for (int i = 0; i < n; i++) leafX[order[i]] = i;
        var nodeX = new double[n - 1];
        double X(int code) => code < 0 ? leafX[-code - 1] : nodeX[code - 1];
        double H(int code) => code < 0 ? 0 : height[code - 1];
        var xs = new JsonArray();
        var ys = new JsonArray();
        for (int s = 0; s < n - 1; s++)
        {
            double xl = X(left[s]), xr = X(right[s]);
            nodeX[s] = (xl + xr) / 2;
            foreach (var (px, py) in new[] { (xl, H(left[s])), (xl, height[s]), (xr, height[s]), (xr, H(right[s])) })
            {
                xs.Add(JsonValue.Create(Math.Round(px, 3)));
                ys.Add(JsonValue.Create(Math.Round(py, 5)));
            }
            xs.Add(null);
            ys.Add(null);
        }
        return new JsonObject
        {
            ["type"] = "scatter", ["mode"] = "lines", ["x"] = xs, ["y"] = ys, ["xaxis"] = "x2", ["yaxis"] = "y3",
            ["line"] = new JsonObject { ["color"] = "#4a5568", ["width"] = 1 }, ["hoverinfo"] = "skip", ["name"] = "dendrogram",
        };
    }
}
