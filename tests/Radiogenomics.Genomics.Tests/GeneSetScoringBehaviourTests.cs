namespace Radiogenomics.Genomics.Tests;

/// <summary>Edge cases of the gene-set methods: absent genes, ties, a single sample, the closed form against the walk.</summary>
public class GeneSetScoringBehaviourTests
{
    private static ExpressionMatrix Random(int genes, int samples, int seed, Func<double, double>? transform = null)
    {
        var rng = new Random(seed);
        var values = new double[genes * samples];
        for (int i = 0; i < values.Length; i++)
        {
            double u = rng.NextDouble(), v = rng.NextDouble();
            double z = Math.Sqrt(-2 * Math.Log(1 - u)) * Math.Cos(2 * Math.PI * v);
            values[i] = transform is null ? 6 + z : transform(6 + z);
        }
        return new ExpressionMatrix(Enumerable.Range(0, genes).Select(g => $"G{g}").ToArray(),
            Enumerable.Range(0, samples).Select(s => $"S{s}").ToArray(), values);
    }

    [Fact]
    public void SetWithNoGenePresentIsNaNWithReason()
    {
        var x = Random(50, 6, 1);
        var sets = new[] { new GeneSet("present", ["G1", "G2", "G3"]), new GeneSet("absent", ["X1", "X2"]) };
        foreach (var scores in new[] { Ssgsea.Score(x, sets), Gsva.Score(x, sets), CombinedZScore.Score(x, sets), Plage.Score(x, sets) })
        {
            Assert.True(scores.Sets[0].Scored, scores.Method);
            Assert.False(scores.Sets[1].Scored, scores.Method);
            Assert.Contains("none of its 2 genes", scores.Sets[1].Reason);
            Assert.All(Enumerable.Range(0, x.SampleCount), j => Assert.True(double.IsNaN(scores[1, j])));
            Assert.All(Enumerable.Range(0, x.SampleCount), j => Assert.True(double.IsFinite(scores[0, j])));
        }
    }

    [Fact]
    public void SizeFilterGivesReasons()
    {
        var x = Random(50, 6, 2);
        var sets = new[] { new GeneSet("one", ["G1"]), new GeneSet("ten", Enumerable.Range(0, 10).Select(i => $"G{i}").ToArray()) };
        var scores = Ssgsea.Score(x, sets, new SsgseaOptions { MinSize = 2, MaxSize = 5 });
        Assert.Contains("min size 2", scores.Sets[0].Reason);
        Assert.Contains("max size 5", scores.Sets[1].Reason);
    }

    /// <summary>The closed form used by GSVA's .fastRndWalk equals the sum over the walk of P_hit − P_miss (Barbie et al.).</summary>
    [Fact]
    public void SsgseaClosedFormEqualsRandomWalkWithTiesAndIntegerRanks()
    {
        // values rounded to one decimal: many ties, so the integer truncation of the average ranks matters
        var x = Random(120, 5, 3, v => Math.Round(v, 1));
        var members = new[] { "G3", "G7", "G8", "G20", "G21", "G50", "G77", "G90", "G119" };
        var scores = Ssgsea.Score(x, [new GeneSet("s", members)], new SsgseaOptions { Normalize = false });
        for (int j = 0; j < x.SampleCount; j++)
        {
            var column = x.Column(j);
            var avg = Radiogenomics.Statistics.Ranks.Average(column);
            var r = avg.Select(a => (int)a).ToArray();                         // mode(R) <- "integer"
            Assert.Contains(avg, a => a != Math.Floor(a));                     // the data do have ties
            var order = Enumerable.Range(0, column.Length).OrderByDescending(g => r[g]).ThenBy(g => g).ToArray();
            var inSet = members.Select(m => x.IndexOf(m)).ToHashSet();
            double totalW = inSet.Sum(g => Math.Pow(r[g], 0.25)), hit = 0, miss = 0, es = 0;
            foreach (int g in order)
            {
                if (inSet.Contains(g)) hit += Math.Pow(r[g], 0.25) / totalW; else miss += 1.0 / (column.Length - inSet.Count);
                es += hit - miss;
            }
            Assert.Equal(es, scores[0, j], 9);
        }
    }

    [Fact]
    public void SsgseaUsesTruncatedRanksForTies()
    {
        // Genes 0 and 1 tie at average rank 2.5: GSVA truncates to 2, which changes the weight and the score.
        var x = new ExpressionMatrix(["a", "b", "c", "d", "e"], ["s"], [2.0, 2.0, 1.0, 3.0, 4.0]);
        var score = Ssgsea.Score(x, [new GeneSet("ab", ["a", "b"])], new SsgseaOptions { Normalize = false })[0, 0];
        // integer ranks a=2, b=2, c=1, d=4, e=5; order desc: e, d, a, b, c → pos a=3, b=4; N=5, k=2
        double w = Math.Pow(2, 0.25);
        double expected = (w * (5 - 3 + 1) + w * (5 - 4 + 1)) / (2 * w) - (5.0 * 6 / 2 - ((5 - 3 + 1) + (5 - 4 + 1))) / 3.0;
        Assert.Equal(expected, score, 14);
    }

    [Fact]
    public void SingleSampleIsUndefinedForKernelAndScalingMethods()
    {
        var x = Random(40, 1, 4);
        var sets = new[] { new GeneSet("s", ["G1", "G2", "G3", "G4"]), new GeneSet("t", ["G5", "G6", "G7"]) };
        foreach (var scores in new[] { Gsva.Score(x, sets), CombinedZScore.Score(x, sets), Plage.Score(x, sets) })
        {
            Assert.All(scores.Sets, s => Assert.False(s.Scored));
            Assert.All(scores.Sets, s => Assert.Contains("single sample", s.Reason));
            Assert.True(double.IsNaN(scores[0, 0]));
        }
        // ssGSEA is defined per sample; the normalisation then runs over the sets only
        var ss = Ssgsea.Score(x, sets);
        Assert.All(ss.Sets, s => Assert.True(s.Scored));
        Assert.Equal(1.0, Math.Abs(ss[0, 0] - ss[1, 0]), 12);
    }

    [Fact]
    public void GsvaDropsConstantGenesBeforeMappingButSsgseaKeepsThem()
    {
        var values = Random(30, 6, 5).ToArray();
        for (int j = 0; j < 6; j++) values[0 * 6 + j] = 5;   // G0 constant
        var x = new ExpressionMatrix(Enumerable.Range(0, 30).Select(g => $"G{g}").ToArray(), Enumerable.Range(0, 6).Select(s => $"S{s}").ToArray(), values);
        var sets = new[] { new GeneSet("constant only", ["G0"]), new GeneSet("mixed", ["G0", "G1", "G2"]) };
        var gsva = Gsva.Score(x, sets);
        Assert.False(gsva.Sets[0].Scored);
        Assert.Contains("after dropping 1 constant gene", gsva.Sets[0].Reason);
        Assert.Equal(2, gsva.Sets[1].MappedSize);
        var ssgsea = Ssgsea.Score(x, sets);
        Assert.True(ssgsea.Sets[0].Scored);
        Assert.Equal(3, ssgsea.Sets[1].MappedSize);
    }

    [Fact]
    public void NonFiniteExpressionIsRejected()
    {
        var x = new ExpressionMatrix(["a", "b", "c"], ["s1", "s2"], [1, 2, double.NaN, 4, 5, 6]);
        var sets = new[] { new GeneSet("s", ["a", "b"]) };
        Assert.Throws<ArgumentException>(() => Ssgsea.Score(x, sets));
        Assert.Throws<ArgumentException>(() => Gsva.Score(x, sets));
    }

    [Fact]
    public void PlageSignFollowsTheSetMean()
    {
        var x = Random(60, 12, 6);
        var scores = Plage.Score(x, [new GeneSet("s", Enumerable.Range(0, 15).Select(i => $"G{i}").ToArray())]);
        var z = CombinedZScore.Score(x, [new GeneSet("s", Enumerable.Range(0, 15).Select(i => $"G{i}").ToArray())]);
        double dot = 0;
        for (int j = 0; j < 12; j++) dot += scores[0, j] * z[0, j];
        Assert.True(dot > 0);
        double norm = 0;
        for (int j = 0; j < 12; j++) norm += scores[0, j] * scores[0, j];
        Assert.Equal(1.0, norm, 12);   // a unit singular vector
    }
}
