namespace Radiogenomics.DataSources;

/// <summary>
/// One gene row of a STAR-counts file. Values are doubles so a cell kept under
/// <see cref="BadRecordPolicy.KeepAsMissing"/> can be NaN; read counts are whole numbers otherwise.
/// </summary>
/// <param name="GeneId">As in the file, e.g. ENSG00000000003.15 or ENSG00000002586.20_PAR_Y.</param>
/// <param name="GeneKey">Version stripped, _PAR_Y kept (see <see cref="EnsemblGeneId.StripVersion"/>): unique in a file and the join key across files.</param>
/// <param name="GeneName">HGNC-style symbol; not unique, so never a key.</param>
/// <param name="Line">1-based line in the file.</param>
public sealed record StarCountsGene(
    string GeneId,
    string GeneKey,
    string GeneName,
    string GeneType,
    double Unstranded,
    double StrandedFirst,
    double StrandedSecond,
    double TpmUnstranded,
    double FpkmUnstranded,
    double FpkmUqUnstranded,
    long Line)
{
    public bool IsParY => EnsemblGeneId.IsParY(GeneId);

    public double Get(StarCountsColumn column) => column switch
    {
        StarCountsColumn.Unstranded => Unstranded,
        StarCountsColumn.StrandedFirst => StrandedFirst,
        StarCountsColumn.StrandedSecond => StrandedSecond,
        StarCountsColumn.TpmUnstranded => TpmUnstranded,
        StarCountsColumn.FpkmUnstranded => FpkmUnstranded,
        StarCountsColumn.FpkmUqUnstranded => FpkmUqUnstranded,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };
}
