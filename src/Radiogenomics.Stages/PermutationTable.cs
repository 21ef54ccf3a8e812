using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// The <c>permutation</c> table of a classify stage's label-permutation negative control: model, permutation (0 = the
/// real labels), auc. The permutation p of the real AUC is (1 + #{null AUC ≥ real}) / (1 + N), never 0.
/// </summary>
internal static class PermutationTable
{
    public static void Write(string path, string model, double realAuc, IReadOnlyList<double> nullAucs)
    {
        var aucs = nullAucs.Count == 0 ? [] : new[] { realAuc }.Concat(nullAucs).ToArray();
        ParquetFile.Write(new Table()
            .Add("model", aucs.Select(_ => (string?)model).ToArray())
            .Add("permutation", Enumerable.Range(0, aucs.Length).ToArray())
            .Add("auc", aucs), path);
    }

    public static double P(double realAuc, IReadOnlyList<double> nullAucs) =>
        (1.0 + nullAucs.Count(a => a >= realAuc)) / (1.0 + nullAucs.Count);
}
