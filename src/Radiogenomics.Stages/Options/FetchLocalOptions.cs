using Radiogenomics.DataSources;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>fetch.local</c>.</summary>
public sealed record FetchLocalOptions
{
    [Option("star_counts (one file per sample), matrix, or auto (STAR-counts when several files or a '# gene-model' header)")]
    public ExpressionFormat ExpressionFormat { get; init; } = ExpressionFormat.Auto;

    [Option("for a matrix: genes_by_samples, samples_by_genes, or auto (more rows than columns = genes by samples)")]
    public MatrixOrientation MatrixOrientation { get; init; } = MatrixOrientation.Auto;

    [Option("STAR-counts column to use (GDC's libraries are unstranded)")]
    public CountColumn CountColumn { get; init; } = CountColumn.Unstranded;

    [Option("keep only TCGA sample type 01 (primary solid tumour)")]
    public bool PrimaryTumorOnly { get; init; } = true;

    [Option("column of the clinical table holding the patient id (auto: patient_id, bcr_patient_barcode, case_submitter_id or submitter_id)")]
    public string ClinicalPatientColumn { get; init; } = "auto";

    [Option("column of the survival table holding the patient id (auto: patient_id, bcr_patient_barcode, case_submitter_id, submitter_id or _PATIENT)")]
    public string SurvivalPatientColumn { get; init; } = "auto";

    [Option("column of the survival table with the follow-up time")]
    public string SurvivalTimeColumn { get; init; } = Radiogenomics.Data.SurvivalTable.DefaultTimeColumn;

    [Option("column of the survival table with the event flag (1 = event, 0 = censored)")]
    public string SurvivalEventColumn { get; init; } = Radiogenomics.Data.SurvivalTable.DefaultEventColumn;

    [Option("bad records: fail (stop with every problem listed) or skip (leave them out, listed in the errors table)")]
    public OnError OnError { get; init; } = OnError.Fail;
}
