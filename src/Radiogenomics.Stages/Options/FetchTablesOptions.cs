using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>fetch.tables</c>.</summary>
public sealed record FetchTablesOptions
{
    [Option("column of the feature table that identifies an image")]
    public string ImageColumn { get; init; } = "image_id";

    [Option("column that identifies the patient (in every table)")]
    public string PatientColumn { get; init; } = "patient_id";

    [Option("column of the survival table with the follow-up time")]
    public string SurvivalTimeColumn { get; init; } = Radiogenomics.Data.SurvivalTable.DefaultTimeColumn;

    [Option("column of the survival table with the event flag (1 = event, 0 = censored)")]
    public string SurvivalEventColumn { get; init; } = Radiogenomics.Data.SurvivalTable.DefaultEventColumn;

    [Option("for an expression matrix: genes_by_samples, samples_by_genes, or auto (more rows than columns = genes by samples)")]
    public Radiogenomics.DataSources.MatrixOrientation MatrixOrientation { get; init; } = Radiogenomics.DataSources.MatrixOrientation.Auto;

    [Option("for an expression matrix with TCGA barcodes: keep only sample type 01 (primary solid tumour), as fetch.local")]
    public bool PrimaryTumorOnly { get; init; } = true;
}
