namespace Radiogenomics.Statistics;

/// <summary>
/// What <see cref="RandomForestClassifier.Fit"/> returns: the forest, each training case's out-of-bag votes (trees whose
/// bootstrap sample left the case out), the OOB error as randomForest's <c>err.rate[ntree, "OOB"]</c> (cases never out
/// of bag are left out; a tied vote is broken at random, seeded), MeanDecreaseGini importance per feature, and per tree
/// how often its bootstrap sample drew each case (randomForest's <c>inbag</c>; 0: out of bag).
/// </summary>
public sealed record RandomForestFit(RandomForest Forest, int[] OobTrees, int[] OobVotesForOne, int[] OobPrediction, double OobError, double[] MeanDecreaseGini,
    int[][] InBag)
{
    /// <summary>Out-of-bag score of case i (share of its OOB trees voting 1); NaN for a case in every bootstrap sample.</summary>
    public double OobScore(int i) => OobTrees[i] == 0 ? double.NaN : (double)OobVotesForOne[i] / OobTrees[i];
}
