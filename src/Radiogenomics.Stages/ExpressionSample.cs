namespace Radiogenomics.Stages;

/// <summary>
/// One expression sample as matched to a patient: where it came from, its barcode, the patient it belongs to,
/// and whether it was kept (e.g. sample type 01, primary tumour) or why not. The seed study's exclusion
/// flowchart is built from rows like these.
/// </summary>
public sealed record ExpressionSample(string Source, string SampleId, string PatientId, string? SampleType, bool Kept, string Reason);
