using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>How <c>extract.radiomics</c> combines an RTSTRUCT ROI's closed contours on one slice.</summary>
public enum RtStructContours
{
    /// <summary>Exclusive or: an inner contour is a hole whatever its orientation (plastimatch's xor_overlapping).</summary>
    [Choice("xor")] Xor,

    /// <summary>Union: inside any contour (plastimatch's default).</summary>
    [Choice("or")] Or,
}
