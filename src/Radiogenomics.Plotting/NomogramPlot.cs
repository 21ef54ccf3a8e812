using ScottPlot;

namespace Radiogenomics.Plotting;

/// <summary>
/// A nomogram drawn as rms's <c>plot.nomogram</c> lays it out: a 0–100 points ruler on top, one horizontal axis per
/// predictor with its values at their points, then the total-points axis and the axes read off it (linear predictor,
/// probability). Each axis is a row: its name at the left, a line over its ticks' span, tick marks with labels above.
/// </summary>
public sealed class NomogramPlot
{
    private readonly List<(string Name, double[] Positions, string[] Labels, bool Total)> _axes = [];

    public string? Title { get; init; }
    public int Width { get; init; } = 900;

    /// <summary>Adds a predictor axis (positions in points, 0–100).</summary>
    public NomogramPlot AddAxis(string name, IReadOnlyList<double> points, IReadOnlyList<string> labels)
    {
        _axes.Add((name, points.ToArray(), labels.ToArray(), false));
        return this;
    }

    /// <summary>
    /// Adds an axis placed on the total-points scale (total points, linear predictor, probability); these rows are drawn
    /// below the predictors on their own scale, which maps <paramref name="totalPointsMax"/> onto the ruler's width.
    /// </summary>
    public NomogramPlot AddTotalAxis(string name, IReadOnlyList<double> totalPoints, IReadOnlyList<string> labels)
    {
        _axes.Add((name, totalPoints.ToArray(), labels.ToArray(), true));
        return this;
    }

    public void Save(string path)
    {
        SkiaLibrary.EnsureResolvable();
        var plot = new Plot();
        plot.Font.Set(FigureFile.FontFamily);
        // Total-points rows are rescaled so their ticks fill the same width as the 0–100 ruler.
        double totalMax = _axes.Where(a => a.Total).SelectMany(a => a.Positions).DefaultIfEmpty(100).Max();
        double totalScale = totalMax > 0 ? 100 / totalMax : 1;
        var rows = new List<(string, double[], string[])> { ("Points", Enumerable.Range(0, 11).Select(i => i * 10.0).ToArray(), Enumerable.Range(0, 11).Select(i => (i * 10).ToString()).ToArray()) };
        rows.AddRange(_axes.Select(a => (a.Name, a.Total ? a.Positions.Select(p => p * totalScale).ToArray() : a.Positions, a.Labels)));
        for (int r = 0; r < rows.Count; r++)
        {
            var (name, positions, labels) = rows[r];
            double y = -r;
            var label = plot.Add.Text(name.Length > 24 ? name[..23] + "…" : name, -4, y);
            label.LabelAlignment = Alignment.MiddleRight;
            label.LabelFontSize = 12;
            if (positions.Length == 0) continue;
            double lastLabelEnd = double.NegativeInfinity;
            var line = plot.Add.Line(positions.Min(), y, positions.Max(), y);
            line.Color = Colors.Black;
            line.LineWidth = 1;
            // left to right on the page: a negative coefficient lists its values from the high-points end
            foreach (int i in Enumerable.Range(0, positions.Length).OrderBy(i => positions[i]))
            {
                var tick = plot.Add.Line(positions[i], y, positions[i], y + 0.15);
                tick.Color = Colors.Black;
                tick.LineWidth = 1;
                // rms's plot thins crowded labels too: a label is drawn only where it does not overlap the previous one
                double halfWidth = 0.45 * Math.Max(1, labels[i].Length);
                if (positions[i] - halfWidth < lastLabelEnd) continue;
                lastLabelEnd = positions[i] + halfWidth + 0.6;
                var text = plot.Add.Text(labels[i], positions[i], y + 0.18);
                text.LabelAlignment = Alignment.LowerCenter;
                text.LabelFontSize = 10;
            }
        }
        if (!string.IsNullOrEmpty(Title))
        {
            var title = plot.Add.Text(Title, 39, 1.05);
            title.LabelAlignment = Alignment.LowerCenter;
            title.LabelFontSize = 16;
        }
        plot.Axes.SetLimits(-30, 108, -rows.Count + 0.4, 1.5);
        plot.HideGrid();
        plot.Axes.Frameless();
        FigureFile.Save(plot, path, Width, 90 + 48 * rows.Count);
    }
}
