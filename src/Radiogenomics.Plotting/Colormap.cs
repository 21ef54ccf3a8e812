namespace Radiogenomics.Plotting;

/// <summary>
/// A continuous colour scale: colours at anchor positions in [0, 1], linearly interpolated in between.
/// </summary>
public sealed class Colormap
{
    private readonly double[] _positions;
    private readonly Rgb[] _colors;

    /// <summary>Anchors must start at 0, end at 1 and have increasing positions.</summary>
    public Colormap(string name, IReadOnlyList<(double Position, Rgb Color)> anchors)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(anchors);
        if (anchors.Count < 2) throw new ArgumentException("A colour map needs at least two anchors.", nameof(anchors));
        _positions = new double[anchors.Count];
        _colors = new Rgb[anchors.Count];
        for (int i = 0; i < anchors.Count; i++)
        {
            _positions[i] = anchors[i].Position;
            _colors[i] = anchors[i].Color;
            if (i > 0 && !(_positions[i] > _positions[i - 1]))
                throw new ArgumentException($"Anchor positions must increase (anchor {i} at {_positions[i]}).", nameof(anchors));
        }
        if (_positions[0] != 0 || _positions[^1] != 1)
            throw new ArgumentException("Anchor positions must run from 0 to 1.", nameof(anchors));
        Name = name;
    }

    public string Name { get; }

    /// <summary>Colours spaced evenly from 0 to 1.</summary>
    public static Colormap FromColors(string name, params Rgb[] colors)
    {
        ArgumentNullException.ThrowIfNull(colors);
        if (colors.Length < 2) throw new ArgumentException("A colour map needs at least two colours.", nameof(colors));
        var anchors = new (double, Rgb)[colors.Length];
        for (int i = 0; i < colors.Length; i++) anchors[i] = (i == colors.Length - 1 ? 1.0 : (double)i / (colors.Length - 1), colors[i]);
        return new Colormap(name, anchors);
    }

    /// <summary>
    /// Viridis (perceptually uniform, colour-blind safe, readable in greyscale). Anchors are the published
    /// samples of the map: R viridisLite::viridis(10) at k/9 and matplotlib's viridis at k/8, merged.
    /// </summary>
    public static Colormap Viridis { get; } = BuildViridis();

    /// <summary>Black (low) to white (high), as radiologists view images. <see cref="Reversed"/> gives white-to-black.</summary>
    public static Colormap Greys { get; } = FromColors("greys", Rgb.Black, Rgb.White);

    /// <summary>
    /// Diverging blue–white–red for signed values (correlations, t statistics, log fold changes):
    /// ColorBrewer RdBu (11 classes), blue for negative, near-white at 0.5. Use with a range symmetric about 0.
    /// </summary>
    public static Colormap BlueWhiteRed { get; } = FromColors("blue-white-red",
        Hex("#053061"), Hex("#2166AC"), Hex("#4393C3"), Hex("#92C5DE"), Hex("#D1E5F0"), Hex("#F7F7F7"),
        Hex("#FDDBC7"), Hex("#F4A582"), Hex("#D6604D"), Hex("#B2182B"), Hex("#67001F"));

    /// <summary>Colour at position <paramref name="t"/>, clamped to [0, 1]; NaN gives the first colour (charts draw NaN themselves).</summary>
    public Rgb Map(double t)
    {
        if (!(t > 0)) return _colors[0];
        if (t >= 1) return _colors[^1];
        int hi = 1;
        while (_positions[hi] < t) hi++;
        int lo = hi - 1;
        double f = (t - _positions[lo]) / (_positions[hi] - _positions[lo]);
        return Rgb.Lerp(_colors[lo], _colors[hi], f);
    }

    /// <summary>Colour of <paramref name="value"/> on the scale from <paramref name="window"/>.Low to .High.</summary>
    public Rgb Map(double value, DisplayWindow window) => Map(window.Normalize(value));

    /// <summary>The same colours in the opposite direction.</summary>
    public Colormap Reversed()
    {
        var anchors = new (double, Rgb)[_colors.Length];
        for (int i = 0; i < _colors.Length; i++)
        {
            int j = _colors.Length - 1 - i;
            anchors[i] = (i == 0 ? 0.0 : i == _colors.Length - 1 ? 1.0 : 1 - _positions[j], _colors[j]);
        }
        return new Colormap(Name + "-reversed", anchors);
    }

    /// <summary>A 256-entry lookup table (index = round(t × 255)) for per-pixel work on large images.</summary>
    internal Rgb[] Table256()
    {
        var lut = new Rgb[256];
        for (int i = 0; i < 256; i++) lut[i] = Map(i / 255.0);
        return lut;
    }

    private static Rgb Hex(string s) => Rgb.FromHex(s);

    private static Colormap BuildViridis()
    {
        string[] ninths = ["#440154", "#482878", "#3E4A89", "#31688E", "#26828E", "#1F9E89", "#35B779", "#6DCD59", "#B4DE2C", "#FDE725"];
        string[] eighths = ["#440154", "#472D7B", "#3B528B", "#2C728E", "#21918C", "#28AE80", "#5EC962", "#ADDC30", "#FDE725"];
        var anchors = new SortedDictionary<double, Rgb>();
        for (int k = 0; k < ninths.Length; k++) anchors[k / 9.0] = Hex(ninths[k]);
        for (int k = 1; k < eighths.Length - 1; k++) anchors[k / 8.0] = Hex(eighths[k]);
        return new Colormap("viridis", anchors.Select(kv => (kv.Key, kv.Value)).ToArray());
    }
}
