namespace Radiogenomics.Statistics.Tests;

public class GroupAggregationTests
{
    [Fact]
    public void MeansAndMediansPerGroupKeepNaNAsR()
    {
        double[][] columns = [[1, 2, 9, double.NaN, 4], [5, 5, 1, 2, 3]];
        int[][] groups = [[0, 1, 2], [3, 4], [4]];
        var means = GroupAggregation.Aggregate(columns, groups, median: false);
        Assert.Equal([4.0, double.NaN, 4.0], means[0]);
        Assert.Equal([11.0 / 3, 2.5, 3.0], means[1]);
        var medians = GroupAggregation.Aggregate(columns, groups, median: true);
        Assert.Equal([2.0, double.NaN, 4.0], medians[0]);
        Assert.Equal([5.0, 2.5, 3.0], medians[1]);
    }

    [Fact]
    public void ZScoreIsRsScaleAndAConstantBecomesZeros()
    {
        double[] x = [2, 4, 4, 4, 5, 5, 7, 9];
        ZScore.StandardizeInPlace(x);
        // scale(c(2,4,4,4,5,5,7,9)): mean 5, sd = sqrt(32/7)
        double sd = Math.Sqrt(32.0 / 7);
        Assert.Equal(-3 / sd, x[0], 1e-15);
        Assert.Equal(4 / sd, x[7], 1e-15);
        double[] constant = [3, 3, 3];
        ZScore.StandardizeInPlace(constant);
        Assert.Equal([0.0, 0, 0], constant);
    }
}
