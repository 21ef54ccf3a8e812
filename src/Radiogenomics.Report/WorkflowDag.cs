using System.Globalization;
using System.Text;
using Radiogenomics.Engine.Workflow;

namespace Radiogenomics.Report;

/// <summary>
/// The workflow's stages and their needs, each coloured by what the run did with it (cached, executed, failed,
/// skipped, or not part of the run), drawn as an SVG: a layered layout, left to right, a stage one layer after
/// the last of its needs — what DVC's <c>dag</c> and Snakemake's <c>--dag</c> show.
/// </summary>
public sealed class WorkflowDag
{
    private const double BoxHeight = 44, LayerGap = 60, RowGap = 18, Margin = 12, CharWidth = 7.2;

    /// <summary>Fill and stroke per status; the legend shows them in this order.</summary>
    internal static readonly (string Status, string Fill, string Stroke)[] Palette =
    [
        ("executed", "#cfe2f8", "#2b6cb0"), ("cached", "#d3efd6", "#2f855a"), ("failed", "#f9d0d0", "#c53030"),
        ("skipped", "#fdf0c4", "#b7791f"), ("not run", "#eeeeee", "#888888"),
    ];

    public WorkflowDag(IReadOnlyList<(string Id, string Kind, IReadOnlyList<string> Needs)> stages, IReadOnlyDictionary<string, string> statusById)
    {
        Stages = stages;
        StatusById = statusById;
    }

    public IReadOnlyList<(string Id, string Kind, IReadOnlyList<string> Needs)> Stages { get; }
    public IReadOnlyDictionary<string, string> StatusById { get; }

    /// <summary>The DAG of an archived run: the stages and needs of its workflow file's copy, statuses from its crate.</summary>
    public static WorkflowDag FromRun(RunCrateSummary run)
    {
        string file = Path.Combine(run.RunDirectory, run.WorkflowFile);
        var (definition, problems) = WorkflowLoader.ParseFile(file);
        if (definition is null)
            throw new FormatException($"{file}: the run's copy of its workflow cannot be read: {string.Join("; ", problems.Select(p => p.ToString()))}");
        return FromDefinition(definition, run.Stages.ToDictionary(s => s.StageId, s => s.Status, StringComparer.Ordinal));
    }

    public static WorkflowDag FromDefinition(WorkflowDefinition definition, IReadOnlyDictionary<string, string> statusById) =>
        new(definition.Stages.Select(s => (s.Id, s.Uses, s.Needs)).ToList(), statusById);

    public string StatusOf(string id) => StatusById.GetValueOrDefault(id) ?? "not run";

    /// <summary>Layer of each stage: 0 for stages without needs, else one more than its deepest need.</summary>
    public IReadOnlyDictionary<string, int> Layers()
    {
        var byId = Stages.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var layer = new Dictionary<string, int>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        int Of(string id)
        {
            if (layer.TryGetValue(id, out int l)) return l;
            if (!visiting.Add(id)) throw new FormatException($"the workflow's needs form a cycle through stage '{id}'");
            int result = byId[id].Needs.Where(byId.ContainsKey).Select(n => Of(n) + 1).DefaultIfEmpty(0).Max();
            visiting.Remove(id);
            return layer[id] = result;
        }
        foreach (var s in Stages) Of(s.Id);
        return layer;
    }

    public string ToSvg()
    {
        var layers = Layers();
        var columns = Stages.GroupBy(s => layers[s.Id]).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        // Order each layer by the mean row of its needs, so edges cross less (one barycentre pass is enough for workflows).
        var row = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var ordered = column.Select((s, i) => (s, key: s.Needs.Where(row.ContainsKey).Select(n => row[n]).DefaultIfEmpty(i).Average(), i))
                .OrderBy(t => t.key).ThenBy(t => t.i).Select(t => t.s).ToList();
            column.Clear();
            column.AddRange(ordered);
            for (int i = 0; i < column.Count; i++) row[column[i].Id] = i;
        }
        var width = columns.Select(c => c.Max(s => BoxWidth(s))).ToList();
        int maxRows = columns.Count == 0 ? 0 : columns.Max(c => c.Count);
        double height = Math.Max(1, maxRows) * (BoxHeight + RowGap) - RowGap;
        var box = new Dictionary<string, (double X, double Y, double W)>(StringComparer.Ordinal);
        double x = Margin;
        for (int c = 0; c < columns.Count; c++)
        {
            double columnHeight = columns[c].Count * (BoxHeight + RowGap) - RowGap;
            double y = Margin + (height - columnHeight) / 2;
            foreach (var s in columns[c])
            {
                box[s.Id] = (x + (width[c] - BoxWidth(s)) / 2, y, BoxWidth(s));
                y += BoxHeight + RowGap;
            }
            x += width[c] + LayerGap;
        }
        double legendY = Margin + height + 26;
        double totalWidth = Math.Max(x - LayerGap + Margin, Palette.Length * 96 + 2 * Margin);
        double totalHeight = legendY + 18;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dag\" width=\"{F(totalWidth)}\" height=\"{F(totalHeight)}\" viewBox=\"0 0 {F(totalWidth)} {F(totalHeight)}\" font-family=\"DejaVu Sans, Verdana, sans-serif\" role=\"img\">\n");
        svg.Append("<title>Workflow stages and their needs, coloured by what the run did</title>\n");
        svg.Append("<defs><marker id=\"dag-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        foreach (var s in Stages)
        foreach (var need in s.Needs.Where(box.ContainsKey))
        {
            var (fx, fy, fw) = box[need];
            var (tx, ty, _) = box[s.Id];
            double x1 = fx + fw, y1 = fy + BoxHeight / 2, x2 = tx, y2 = ty + BoxHeight / 2, mid = (x1 + x2) / 2;
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"dag-edge\" data-from=\"{Html.Attr(need)}\" data-to=\"{Html.Attr(s.Id)}\" d=\"M{F(x1)},{F(y1)} C{F(mid)},{F(y1)} {F(mid)},{F(y2)} {F(x2)},{F(y2)}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.3\" marker-end=\"url(#dag-arrow)\"/>\n");
        }
        foreach (var s in Stages)
        {
            var (bx, by, bw) = box[s.Id];
            string status = StatusOf(s.Id);
            var (_, fill, stroke) = Palette.FirstOrDefault(p => p.Status == status, Palette[^1]);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"dag-node\" data-stage=\"{Html.Attr(s.Id)}\" data-status=\"{Html.Attr(status)}\"><title>{Html.Text($"{s.Id} ({s.Kind}): {status}")}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(bx)}\" y=\"{F(by)}\" width=\"{F(bw)}\" height=\"{F(BoxHeight)}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{(status == "not run" ? " stroke-dasharray=\"4 3\"" : "")}/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(bx + bw / 2)}\" y=\"{F(by + 18)}\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\" fill=\"#1a202c\">{Html.Text(s.Id)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(bx + bw / 2)}\" y=\"{F(by + 35)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4a5568\">{Html.Text(s.Kind)} · {Html.Text(status)}</text></g>\n");
        }
        double lx = Margin;
        foreach (var (status, fill, stroke) in Palette)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(lx)}\" y=\"{F(legendY - 10)}\" width=\"14\" height=\"12\" rx=\"2\" fill=\"{fill}\" stroke=\"{stroke}\"/><text x=\"{F(lx + 19)}\" y=\"{F(legendY)}\" font-size=\"11\" fill=\"#333\">{status}</text>\n");
            lx += 96;
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static double BoxWidth((string Id, string Kind, IReadOnlyList<string> Needs) s) =>
        Math.Max(120, Math.Max(s.Id.Length * 8.2, (s.Kind.Length + 12) * CharWidth * 0.86) + 20);

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
