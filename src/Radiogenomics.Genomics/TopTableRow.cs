namespace Radiogenomics.Genomics;

/// <summary>One row of limma's <c>topTable()</c> for a single coefficient.</summary>
/// <param name="GeneIndex">Row of the gene in the fitted matrix.</param>
/// <param name="Gene">Gene name.</param>
/// <param name="LogFC">The coefficient (for a two-group design: mean of the other group − mean of the reference).</param>
/// <param name="AveExpr">Mean expression of the gene over its observed samples.</param>
/// <param name="T">Moderated t.</param>
/// <param name="PValue">Two-sided p-value of the moderated t.</param>
/// <param name="AdjustedPValue">Benjamini–Hochberg adjusted p-value over all genes (limma's default <c>adjust.method = "BH"</c>).</param>
/// <param name="B">B-statistic (log-odds of differential expression).</param>
public sealed record TopTableRow(int GeneIndex, string Gene, double LogFC, double AveExpr, double T, double PValue, double AdjustedPValue, double B);
