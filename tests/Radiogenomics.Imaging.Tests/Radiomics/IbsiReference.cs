using System.Globalization;

namespace Radiogenomics.Imaging.Tests.Radiomics;

/// <summary>One row of golden/ibsi/reference_values_phantom.csv.</summary>
internal sealed record IbsiReference(string Family, string Feature, string Aggregation, double Value, double Tolerance)
{
    /// <summary>Within the tolerance; with none, equal to the reference after rounding to 3 significant digits (IBSI's signif(x, 3)).</summary>
    public bool Matches(double value)
    {
        if (double.IsNaN(value)) return false;
        if (Tolerance > 0) return Math.Abs(value - Value) <= Tolerance * (1 + 1e-12);
        return Math.Abs(Significant3(value) - Value) <= 1e-9 * Math.Max(1, Math.Abs(Value));
    }

    public static double Significant3(double x)
    {
        if (x == 0) return 0;
        double scale = Math.Pow(10, 2 - Math.Floor(Math.Log10(Math.Abs(x))));
        return Math.Round(x * scale, MidpointRounding.AwayFromZero) / scale;
    }

    public static List<IbsiReference> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{path}: no column '{name}'");
        int family = Column("family"), feature = Column("feature"), aggregation = Column("aggregation"), value = Column("value"), tolerance = Column("tolerance");
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(c => new IbsiReference(
            c[family], c[feature], c[aggregation], double.Parse(c[value], CultureInfo.InvariantCulture), double.Parse(c[tolerance], CultureInfo.InvariantCulture))).ToList();
    }
}
