namespace Radiogenomics.Data;

/// <summary>One row of the <see cref="RegressionPredictions"/> contract.</summary>
public sealed record RegressionPrediction(string PatientId, int Fold, string Target, double Observed, double Predicted, string Model);
