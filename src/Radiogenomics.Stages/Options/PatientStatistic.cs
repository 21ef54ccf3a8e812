namespace Radiogenomics.Stages;

/// <summary>How a patient's images become one value per feature (R's mean or median, NaN kept).</summary>
public enum PatientStatistic
{
    Mean,
    Median,
}
