using System.Diagnostics;

namespace Radiogenomics.Genomics.Tests;

/// <summary>
/// Timings at the study's shape (20,000 genes × 110 samples × 300 gene sets of 10–300 genes). Assertion-free: they depend on
/// the machine. ssGSEA runs with the suite; GSVA is explicit:
/// <c>tests/Radiogenomics.Genomics.Tests/bin/Release/net10.0/Radiogenomics.Genomics.Tests -explicit only -method "*Gsva*Speed*" -showLiveOutput</c>.
/// </summary>
public class PerformanceMeasure(ITestOutputHelper output)
{
    private static (ExpressionMatrix X, GeneSet[] Sets) StudyShape()
    {
        const int genes = 20_000, samples = 110, sets = 300;
        var rng = new Random(11);
        var values = new double[genes * samples];
        for (int i = 0; i < values.Length; i++) values[i] = Math.Round(6 + 2 * (rng.NextDouble() + rng.NextDouble() - 1), 3);
        var names = Enumerable.Range(0, genes).Select(g => $"G{g}").ToArray();
        var x = new ExpressionMatrix(names, Enumerable.Range(0, samples).Select(s => $"S{s}").ToArray(), values);
        var geneSets = Enumerable.Range(0, sets)
            .Select(s => new GeneSet($"SET{s}", Enumerable.Range(0, 10 + rng.Next(291)).Select(_ => names[rng.Next(genes)]).Distinct().ToArray()))
            .ToArray();
        return (x, geneSets);
    }

    [Fact]
    public void SsgseaSpeedAtStudyShape()
    {
        var (x, sets) = StudyShape();
        Ssgsea.Score(x.SelectSamples([0, 1]), sets);   // JIT warm-up
        var clock = Stopwatch.StartNew();
        var scores = Ssgsea.Score(x, sets);
        clock.Stop();
        output.WriteLine($"ssGSEA 20,000 genes × 110 samples × 300 sets (mean size {sets.Average(s => s.Genes.Count):F0}): {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(300, scores.Sets.Count(s => s.Scored));
    }

    [Fact(Explicit = true)]
    public void GsvaSpeedAtStudyShape()
    {
        var (x, sets) = StudyShape();
        var clock = Stopwatch.StartNew();
        var scores = Gsva.Score(x, sets);
        clock.Stop();
        output.WriteLine($"GSVA (Gaussian) 20,000 genes × 110 samples × 300 sets: {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(300, scores.Sets.Count(s => s.Scored));
    }
}
