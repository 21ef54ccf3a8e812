namespace Radiogenomics.Plotting;

/// <summary>
/// One curve of a <see cref="LineChart"/>: points (x[i], y[i]) joined by straight segments (ROC curves) or as a
/// step function (Kaplan–Meier: the value holds until the next x, then drops). A NaN or infinite x or y breaks
/// the line there. <see cref="MarkX"/> puts vertical ticks on the curve, e.g. at censoring times.
/// </summary>
public sealed class LineSeries
{
    public LineSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"Series '{name}' has {x.Count} x values and {y.Count} y values.");
        Name = name ?? "";
        X = x;
        Y = y;
    }

    /// <summary>Legend text; an empty name keeps the series out of the legend.</summary>
    public string Name { get; }

    public IReadOnlyList<double> X { get; }
    public IReadOnlyList<double> Y { get; }

    /// <summary>Line colour; default the next colour of the chart's colour-blind-safe palette (Okabe–Ito).</summary>
    public Rgb? Color { get; init; }

    /// <summary>Line width in pixels.</summary>
    public double Thickness { get; init; } = 2;

    /// <summary>Draw as a right-continuous step function (horizontal, then vertical), as survival curves are drawn.</summary>
    public bool Step { get; init; }

    public bool Dashed { get; init; }

    /// <summary>Draw a dot at every point; single isolated points are always drawn as dots.</summary>
    public bool ShowPoints { get; init; }

    /// <summary>x positions of vertical tick marks placed on the curve (censored observations on a Kaplan–Meier curve).</summary>
    public IReadOnlyList<double>? MarkX { get; init; }

    /// <summary>The curve's y at <paramref name="x"/> (step or linear interpolation); NaN outside the data or in a gap.</summary>
    public double ValueAt(double x)
    {
        if (!double.IsFinite(x)) return double.NaN;
        int prev = -1;
        for (int i = 0; i < X.Count; i++)
        {
            if (!double.IsFinite(X[i]) || !double.IsFinite(Y[i])) { prev = -1; continue; }
            if (X[i] == x && !Step) return Y[i];
            if (prev >= 0 && X[prev] <= x && x < X[i])
                return Step ? Y[prev] : Y[prev] + (Y[i] - Y[prev]) * (x - X[prev]) / (X[i] - X[prev]);
            prev = i;
        }
        // At or after the last point, a step curve keeps its last value at that x only.
        return prev >= 0 && X[prev] == x ? Y[prev] : double.NaN;
    }
}
