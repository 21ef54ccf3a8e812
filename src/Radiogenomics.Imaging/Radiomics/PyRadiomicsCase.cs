namespace Radiogenomics.Imaging.Radiomics;

/// <summary>One row of a PyRadiomics batch CSV: the case id, its image and mask (full paths), the label, and the other columns (copied to the output).</summary>
/// <param name="Record">Where the row is, for errors: "row 3".</param>
public sealed record PyRadiomicsCase(string Record, string Id, string Image, string Mask, int? Label, IReadOnlyList<(string Column, string Value)> Other);
