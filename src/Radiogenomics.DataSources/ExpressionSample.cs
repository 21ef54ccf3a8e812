using Radiogenomics.Tables;

namespace Radiogenomics.DataSources;

/// <summary>
/// One expression sample as matched to a patient: where it came from, its barcode, the patient it belongs to,
/// and whether it was kept (e.g. sample type 01, primary tumour) or why not. The seed study's exclusion
/// flowchart is built from rows like these.
/// </summary>
public sealed record ExpressionSample(string Source, string SampleId, string PatientId, string? SampleType, bool Kept, string Reason)
{
    /// <summary>The expression_samples table the fetch stages write.</summary>
    public static Table ToTable(IReadOnlyList<ExpressionSample> samples) => new Table()
        .Add("source", samples.Select(s => (string?)s.Source).ToArray())
        .Add("sample_id", samples.Select(s => (string?)s.SampleId).ToArray())
        .Add("patient_id", samples.Select(s => (string?)s.PatientId).ToArray())
        .Add("sample_type", samples.Select(s => s.SampleType).ToArray())
        .Add("kept", samples.Select(s => s.Kept).ToArray())
        .Add("reason", samples.Select(s => (string?)s.Reason).ToArray());
}
