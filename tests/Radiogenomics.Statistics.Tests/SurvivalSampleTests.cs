namespace Radiogenomics.Statistics.Tests;

/// <summary>The sort every survival routine walks: stratum, time, deaths before censorings, then input position.</summary>
public class SurvivalSampleTests
{
    [Theory]
    [InlineData(1, 500, false)]
    [InlineData(2, 2000, true)]
    [InlineData(3, 1, true)]
    public void OrderIsStratumTimeDeathsFirstThenPosition(int seed, int n, bool strata)
    {
        var rng = new Random(seed);
        var time = Enumerable.Range(0, n).Select(_ => rng.Next(0, 4) == 0 ? rng.NextDouble() : rng.Next(0, 20)).ToArray(); // ties and distinct times
        var status = Enumerable.Range(0, n).Select(_ => rng.Next(0, 2)).ToArray();
        var stratum = Enumerable.Range(0, n).Select(_ => new[] { -7, 0, 3, 1_000_000 }[rng.Next(0, 4)]).ToArray();
        var sample = new SurvivalSample(time, status, strata ? stratum : null);
        var expected = Enumerable.Range(0, n).OrderBy(i => strata ? stratum[i] : 0).ThenBy(i => time[i]).ThenByDescending(i => status[i]).ThenBy(i => i).ToArray();
        Assert.Equal(expected, sample.Order);
        Assert.Equal(expected.Select(i => time[i]), sample.SortedTime);
        Assert.Equal(expected.Select(i => status[i]), sample.SortedStatus);
        Assert.Equal(expected.Select(i => strata ? stratum[i] : 0), sample.SortedStratum);
        Assert.Equal(status.Sum(), sample.EventCount);
    }
}
