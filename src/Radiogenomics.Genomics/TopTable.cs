using Radiogenomics.Statistics;

namespace Radiogenomics.Genomics;

/// <summary>limma's <c>topTable(fit, coef, number, sort.by)</c> for one coefficient (no p-value or fold-change cut-off).</summary>
public static class TopTable
{
    /// <param name="fit">An <see cref="EmpiricalBayes.Moderate"/> result.</param>
    /// <param name="coefficient">Column of the design to report (1 = group difference for <see cref="LinearModel.TwoGroupDesign"/>).</param>
    /// <param name="sortBy">Ordering (default B, as limma).</param>
    /// <param name="number">How many rows to return (default all; limma's default is 10).</param>
    public static IReadOnlyList<TopTableRow> ForCoefficient(ModeratedFit fit, int coefficient, TopTableSort sortBy = TopTableSort.B, int? number = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var lm = fit.Fit;
        if ((uint)coefficient >= (uint)lm.CoefficientCount) throw new ArgumentOutOfRangeException(nameof(coefficient));
        int genes = lm.GeneCount;
        var p = new double[genes];
        for (int g = 0; g < genes; g++) p[g] = fit.PValue(g, coefficient);
        var adjusted = BenjaminiHochberg.Adjust(p);
        var rows = Enumerable.Range(0, genes).Select(g => new TopTableRow(g, lm.Genes[g], lm.Coefficient(g, coefficient), lm.Amean[g],
            fit.T(g, coefficient), p[g], adjusted[g], fit.B(g, coefficient))).ToArray();
        Func<TopTableRow, double>? key = sortBy switch
        {
            TopTableSort.B => r => r.B,
            TopTableSort.PValue => r => -r.PValue,
            TopTableSort.T => r => Math.Abs(r.T),
            TopTableSort.LogFC => r => Math.Abs(r.LogFC),
            TopTableSort.AveExpr => r => r.AveExpr,
            _ => null,
        };
        IEnumerable<TopTableRow> ordered = rows;
        if (key is not null)
            // decreasing key, NaN last, ties in gene order (R's stable radix order)
            ordered = rows.OrderBy(r => double.IsNaN(key(r)) ? 1 : 0).ThenByDescending(key).ThenBy(r => r.GeneIndex);
        return ordered.Take(number ?? genes).ToArray();
    }
}
