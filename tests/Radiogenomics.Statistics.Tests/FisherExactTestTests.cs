namespace Radiogenomics.Statistics.Tests;

public class FisherExactTestTests
{
    /// <summary>
    /// Golden tables within the supported size (see <see cref="FisherExactTest"/>): every table of up to 10 cells, and
    /// the larger ones with p not tiny. The planted 4 × 3, 3 × 4, 4 × 4 and larger tables exceed the simple bounds' budget.
    /// </summary>
    public static TheoryData<string> Cases() => new(Golden.Read("fisher.csv")
        .Where(r => int.Parse(r["rows"]) * int.Parse(r["cols"]) <= 10
                    || r["id"] is "job_satisfaction" or "k4_l3_n150_null" or "k3_l4_n200_null" or "k4_l4_n120_null" or "k5_l3_n100_null")
        .Select(r => r["id"]));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_R_fisher_test(string id)
    {
        var row = Golden.Read("fisher.csv").Single(r => r["id"] == id);
        int rows = int.Parse(row["rows"]), cols = int.Parse(row["cols"]);
        var counts = row["counts"].Split(' ').Select(int.Parse).ToArray();
        var table = new int[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) table[i, j] = counts[i * cols + j];
        double expected = Golden.Number(row["p"]);

        double p = FisherExactTest.PValue(table);

        Assert.True(Math.Abs(p - expected) <= 1e-10, $"{id}: p = {p:R}, R {expected:R}");
        Assert.True(Math.Abs(p - expected) <= 1e-8 * expected, $"{id}: relative error {Math.Abs(p - expected) / expected:E2}");
    }

    [Fact]
    public void Transposing_or_permuting_the_table_does_not_change_p()
    {
        var table = new[,] { { 3, 0, 4, 2 }, { 1, 5, 2, 0 }, { 0, 2, 6, 1 } };
        var transposed = new int[4, 3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) transposed[j, i] = table[i, j];
        var permuted = new[,] { { 0, 2, 6, 1 }, { 3, 0, 4, 2 }, { 1, 5, 2, 0 } };
        double p = FisherExactTest.PValue(table);
        Assert.Equal(p, FisherExactTest.PValue(transposed), 12);
        Assert.Equal(p, FisherExactTest.PValue(permuted), 12);
    }

    [Fact]
    public void Degenerate_tables_have_p_one_and_bad_tables_are_refused()
    {
        Assert.Equal(1.0, FisherExactTest.PValue(new[,] { { 3, 4 }, { 0, 0 } }));
        Assert.Throws<ArgumentException>(() => FisherExactTest.PValue(new[,] { { 1, 2, 3 } }));
        Assert.Throws<ArgumentException>(() => FisherExactTest.PValue(new[,] { { 1, -2 }, { 3, 4 } }));
    }
}
