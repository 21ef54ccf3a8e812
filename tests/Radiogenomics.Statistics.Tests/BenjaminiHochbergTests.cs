namespace Radiogenomics.Statistics.Tests;

/// <summary><see cref="BenjaminiHochberg"/> against R's p.adjust(method = "BH"), golden/bh.csv.</summary>
public class BenjaminiHochbergTests
{
    private static readonly Lazy<Dictionary<string, (int N, double[] P, double[] Expected)>> Vectors = new(() =>
    {
        var result = new Dictionary<string, (int, List<double>, List<double>)>();
        foreach (var r in Golden.Read("bh.csv"))
        {
            if (!result.TryGetValue(r["vector"], out var v)) result[r["vector"]] = v = (int.Parse(r["n"]), new List<double>(), new List<double>());
            v.Item2.Add(Golden.Number(r["p"]));
            v.Item3.Add(Golden.Number(r["bh"]));
        }
        return result.ToDictionary(kv => kv.Key, kv => (kv.Value.Item1, kv.Value.Item2.ToArray(), kv.Value.Item3.ToArray()));
    });

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Vectors.Value.Keys) data.Add(name);
        return data;
    }

    /// <summary>
    /// Tolerance: the brief allows 1e-15 relative, but the arithmetic is the same IEEE sequence as R's ((n/i)·p, cummin, pmin 1),
    /// so the values are required to be identical to the last bit; NA positions stay NaN.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesRBitForBit(string name)
    {
        var (n, p, expected) = Vectors.Value[name];
        var actual = BenjaminiHochberg.Adjust(p, n > 0 ? n : null);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i])) Assert.True(double.IsNaN(actual[i]), $"{name}[{i}] should be NA");
            else Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"{name}[{i}]: R {expected[i]:R}, ours {actual[i]:R}");
        }
    }

    [Fact]
    public void InPlaceGivesTheSameResult()
    {
        var (_, p, expected) = Vectors.Value["with_na"];
        var buffer = (double[])p.Clone();
        BenjaminiHochberg.Adjust(buffer, buffer);
        for (int i = 0; i < p.Length; i++)
        {
            if (double.IsNaN(expected[i])) Assert.True(double.IsNaN(buffer[i]));
            else Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(buffer[i]));
        }
    }

    [Fact]
    public void RejectsNSmallerThanTheNumberOfPValues() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BenjaminiHochberg.Adjust([0.1, 0.2, 0.3], 2));

    [Fact]
    public void EmptyInputGivesEmptyOutput() => Assert.Empty(BenjaminiHochberg.Adjust(ReadOnlySpan<double>.Empty));
}
