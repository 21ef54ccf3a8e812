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

    /// <summary>Plotly traces and layout: one heatmap, hover shows the bin, the genomic feature and −log10 q.</summary>
    public JsonObject PlotSpec(string title)
    {
        var z = new JsonArray(Values.Select(row => (JsonNode)new JsonArray(row.Select(x => x is { } d ? JsonValue.Create(d) : null).ToArray())).ToArray());
        var trace = new JsonObject
        {
            ["type"] = "heatmap", ["z"] = z,
            ["x"] = new JsonArray(ColumnLabels.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["y"] = new JsonArray(RowLabels.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["colorscale"] = "Viridis", ["zmin"] = 0,
            ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "−log10 q" } },
            ["hovertemplate"] = "radiomic: %{y}<br>genomic: %{x}<br>−log10 q: %{z}<extra></extra>",
        };
        var layout = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = title },
            ["height"] = 640,
            ["margin"] = new JsonObject { ["l"] = 150, ["b"] = 140, ["t"] = 50 },
            ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "genomic feature (largest −log10 q first)" }, ["tickangle"] = -60, ["automargin"] = true },
            ["yaxis"] = new JsonObject
            {
                ["title"] = new JsonObject { ["text"] = FeaturesPerRow > 1 ? $"radiomic features, {FeaturesPerRow.ToString(CultureInfo.InvariantCulture)} per row (max)" : "radiomic feature" },
                ["autorange"] = "reversed", ["showticklabels"] = RowLabels.Count <= 80,
            },
        };
        return new JsonObject { ["data"] = new JsonArray(trace), ["layout"] = layout };
    }
}
