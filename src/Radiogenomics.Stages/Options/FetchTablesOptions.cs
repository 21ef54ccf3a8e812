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
}
