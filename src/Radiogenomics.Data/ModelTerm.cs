namespace Radiogenomics.Data;

/// <summary>
/// One coefficient of a trained linear (logistic) model in a <see cref="ClassifierModel"/>: its term name, where its value
/// comes from (<see cref="Input"/>: <c>intercept</c>, <c>feature</c>, <c>clinical</c> or <c>signature</c> — another model's
/// score), the column or signature model it reads (<see cref="Variable"/>), the level a dummy term indicates (text
/// covariates), and the estimate on the original scale of that input.
/// </summary>
public sealed record ModelTerm(string Term, string Input, string? Variable, string? Level, double Estimate)
{
    public const string Intercept = "intercept";
    public const string Feature = "feature";
    public const string Clinical = "clinical";
    public const string Signature = "signature";
}
