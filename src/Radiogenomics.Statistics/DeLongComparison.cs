namespace Radiogenomics.Statistics;

/// <summary>DeLong's test of two correlated AUCs on the same patients (<c>pROC::roc.test(method = "delong", paired = TRUE)</c>).</summary>
public sealed record DeLongComparison(double AucA, double AucB, double Z, double P);
