using System.Globalization;
using System.Text.Json.Nodes;
using Radiogenomics.Tables;

namespace Radiogenomics.Report;

/// <summary>
/// The −log10 q matrix of an association table (radiomic × genomic features), small enough for a browser to stay
/// responsive: radiomic features are taken in name order (kernel-major for deep features) and, when there are more
/// than <see cref="MaxRows"/>, consecutive features are pooled into bins of ⌈n / 512⌉ keeping the bin's largest −log10 q,
/// so no signal disappears (4,096 deep features become 512 bins of 8); genomic features are ordered by their largest −log10 q.
/// </summary>
internal sealed record AssociationHeatmap(IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels, double?[][] Values, int FeaturesPerRow, int Features)
{
    public const int MaxRows = 512;

    public static AssociationHeatmap Read(DuckDbConnection db, string parquetPath)
    {
        string source = $"read_parquet('{parquetPath.Replace("'", "''")}')";
        var features = db.Query($"SELECT DISTINCT feature FROM {source} ORDER BY feature").GetStrings("feature");
        int binSize = Math.Max(1, (features.Length + MaxRows - 1) / MaxRows);
        int bins = (features.Length + binSize - 1) / binSize;
        var columns = db.Query($"SELECT genomic_feature, max(-log10(greatest(q, 1e-300))) FILTER (WHERE q IS NOT NULL) AS m FROM {source} GROUP BY 1 ORDER BY m DESC NULLS LAST, 1")
            .GetStrings("genomic_feature").Select(g => g ?? "").ToList();
        var columnIndex = columns.Select((g, i) => (g, i)).ToDictionary(t => t.g, t => t.i, StringComparer.Ordinal);
        db.Execute("CREATE OR REPLACE TEMP TABLE report_feature_order AS SELECT feature, (row_number() OVER (ORDER BY feature) - 1) AS idx FROM (SELECT DISTINCT feature FROM " + source + ")");
        var cells = db.Query($"""
            SELECT CAST(o.idx // {binSize} AS INTEGER) AS bin, a.genomic_feature, max(-log10(greatest(a.q, 1e-300))) AS v
            FROM {source} a JOIN report_feature_order o USING (feature) WHERE a.q IS NOT NULL GROUP BY 1, 2
            """);
        var values = Enumerable.Range(0, bins).Select(_ => new double?[columns.Count]).ToArray();
        var bin = cells.GetInt32s("bin");
        var genomic = cells.GetStrings("genomic_feature");
        var v = cells.GetDoubles("v");
        for (int i = 0; i < bin.Length; i++) values[bin[i]][columnIndex[genomic[i] ?? ""]] = Math.Round(v[i], 3);
        var labels = Enumerable.Range(0, bins).Select(b =>
        {
            string first = features[b * binSize] ?? "", last = features[Math.Min(features.Length, (b + 1) * binSize) - 1] ?? "";
            return first == last ? first : $"{first}–{last}";
        }).ToList();
        return new AssociationHeatmap(labels, columns, values, binSize, features.Length);
    }

    /// <summary>
    /// Plotly traces and layout: one heatmap, genomic features as rows (names on the axis when there are few, always on
    /// hover), radiomic feature bins as columns; hover shows the bin, the genomic feature and −log10 q.
    /// </summary>
    public JsonObject PlotSpec(string title)
    {
        // Transposed for drawing: z[genomic][bin].
        var z = new JsonArray(Enumerable.Range(0, ColumnLabels.Count)
            .Select(c => (JsonNode)new JsonArray(Values.Select(row => row[c] is { } d ? JsonValue.Create(d) : null).ToArray())).ToArray());
        var trace = new JsonObject
        {
            ["type"] = "heatmap", ["z"] = z,
            ["x"] = new JsonArray(RowLabels.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["y"] = new JsonArray(ColumnLabels.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            // White for nothing, dark for the few strong pairs: a sparse signal stands out on a light ground.
            ["colorscale"] = new JsonArray(
                new JsonArray(0, "#ffffff"), new JsonArray(0.15, "#deebf7"), new JsonArray(0.35, "#9ecae1"),
                new JsonArray(0.6, "#4292c6"), new JsonArray(0.8, "#08519c"), new JsonArray(1, "#08306b")),
            ["zmin"] = 0,
            ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "−log10 q" } },
            ["hovertemplate"] = "radiomic: %{x}<br>genomic: %{y}<br>−log10 q: %{z}<extra></extra>",
        };
        bool rowNames = ColumnLabels.Count <= 60;
        var layout = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = title },
            ["height"] = 620,
            ["margin"] = new JsonObject { ["l"] = rowNames ? 40 : 60, ["b"] = 60, ["t"] = 50 },
            ["xaxis"] = new JsonObject
            {
                ["title"] = new JsonObject { ["text"] = FeaturesPerRow > 1 ? $"radiomic features in name order, {FeaturesPerRow.ToString(CultureInfo.InvariantCulture)} per column (their largest −log10 q)" : "radiomic feature" },
                ["showticklabels"] = RowLabels.Count <= 60,
            },
            ["yaxis"] = new JsonObject
            {
                ["title"] = new JsonObject { ["text"] = $"{ColumnLabels.Count.ToString(CultureInfo.InvariantCulture)} genomic features, largest −log10 q first" + (rowNames ? "" : " (names on hover)") },
                ["autorange"] = "reversed", ["showticklabels"] = rowNames, ["automargin"] = true,
            },
        };
        return new JsonObject { ["data"] = new JsonArray(trace), ["layout"] = layout };
    }
}
