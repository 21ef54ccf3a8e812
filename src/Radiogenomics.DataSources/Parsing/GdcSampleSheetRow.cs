namespace Radiogenomics.DataSources;

/// <summary>
/// One file of a GDC portal sample sheet. Files made from several samples (e.g. tumour/normal pairs) list
/// several case and sample ids, comma-separated in the sheet, in matching order.
/// </summary>
public sealed record GdcSampleSheetRow(
    string FileId,
    string FileName,
    string? DataCategory,
    string? DataType,
    string? ProjectId,
    IReadOnlyList<string> CaseIds,
    IReadOnlyList<string> SampleIds,
    IReadOnlyList<string> SampleTypes,
    long Line)
{
    /// <summary>The participant barcode(s) of the case(s), e.g. TCGA-AO-A03M (what TCIA calls PatientID).</summary>
    public IEnumerable<string> PatientBarcodes => CaseIds.Distinct(StringComparer.Ordinal);
}
