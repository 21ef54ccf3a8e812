namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// One computed feature under its IBSI identity: the family and feature names as the IBSI reference manual
/// writes them (e.g. "GLCM", "Joint maximum"), the aggregation ("3D", "2D averaged", "2.5D merged", …) and the value.
/// </summary>
public sealed record RadiomicsFeature(string Family, string Name, string Aggregation, double Value)
{
    public override string ToString() => FormattableString.Invariant($"{Family} / {Name} [{Aggregation}] = {Value:G6}");
}
