using System.Text.RegularExpressions;

namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// Which series and phase make a patient's image (Liu &amp; Hu 2023: the first post-contrast phase of the T1-weighted
/// DCE series) and which scanners are admitted. Regular expressions are matched case-insensitively.
/// </summary>
public sealed record SeriesSelectionRule
{
    /// <summary>Descriptions of T1-weighted DCE series as TCGA-BRCA names them (GE VIBRANT, Siemens fl3d, Philips THRIVE ...).</summary>
    public const string DefaultDcePattern = @"vibrant|dyn|dce|multi.?phase|fl3d|3d.?fgre|spgr|thrive|t1";

    /// <summary>Derived series that match the DCE pattern but are not acquisitions: subtractions, MIPs, CAD output.</summary>
    public const string DefaultDerivedPattern = @"\bsub|subtract|mip\b|\bcad\b|pjn|reformat|\bmpr\b";

    public PhaseChoice Choice { get; init; } = PhaseChoice.PhaseIndex;

    /// <summary>0 = pre-contrast, 1 = first post-contrast (the default).</summary>
    public int PhaseIndex { get; init; } = 1;

    /// <summary>For <see cref="PhaseChoice.TemporalPositionIdentifier"/>.</summary>
    public int? TemporalPositionIdentifier { get; init; }

    /// <summary>For <see cref="PhaseChoice.SeriesDescription"/>, e.g. "post.*1|ph2".</summary>
    public string? PhaseDescriptionPattern { get; init; }

    /// <summary>A series is a DCE candidate when its description matches this...</summary>
    public string DceDescriptionPattern { get; init; } = DefaultDcePattern;

    /// <summary>...and not this (null: nothing excluded).</summary>
    public string? ExcludedDescriptionPattern { get; init; } = DefaultDerivedPattern;

    /// <summary>Scanner filter on Manufacturer, e.g. "^GE" (null: any).</summary>
    public string? ManufacturerPattern { get; init; }

    /// <summary>Scanner filter on field strength in tesla, e.g. 1.5 (null: any); gauss values are converted.</summary>
    public double? FieldStrengthTesla { get; init; }

    /// <summary>Tolerance of <see cref="FieldStrengthTesla"/>, T.</summary>
    public double FieldStrengthToleranceTesla { get; init; } = 0.1;

    internal static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
