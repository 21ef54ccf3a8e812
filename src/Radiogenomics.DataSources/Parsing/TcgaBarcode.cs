using System.Globalization;

namespace Radiogenomics.DataSources;

/// <summary>
/// A TCGA barcode, <c>TCGA-TSS-PPPP-SSV-PPA-PLAT-CC</c> (e.g. <c>TCGA-AO-A03M-01A-11R-A034-07</c>), parsed to any
/// depth: participant (12 characters, the case — TCIA's PatientID and GDC's case submitter_id), sample (15/16:
/// type code + vial), portion + analyte, plate, centre. Input is trimmed and upper-cased, and '.' separators
/// (R's make.names turns '-' into '.') are read as '-'.
/// </summary>
public sealed record TcgaBarcode
{
    private const string Form = "Expected TCGA-TSS-PPPP[-SSV[-PPA[-PLAT[-CC]]]], e.g. TCGA-AO-A03M-01A-11R-A034-07";
    private const string AnalyteCodes = "DGHRTWX";

    private static readonly Dictionary<int, string> SampleTypes = new()
    {
        [1] = "Primary Tumor", [2] = "Recurrent Tumor", [3] = "Primary Blood Derived Cancer - Peripheral Blood",
        [4] = "Recurrent Blood Derived Cancer - Bone Marrow", [5] = "Additional - New Primary", [6] = "Metastatic",
        [7] = "Additional Metastatic", [8] = "Human Tumor Original Cells", [9] = "Primary Blood Derived Cancer - Bone Marrow",
        [10] = "Blood Derived Normal", [11] = "Solid Tissue Normal", [12] = "Buccal Cell Normal",
        [13] = "EBV Immortalized Normal", [14] = "Bone Marrow Normal", [15] = "sample type 15", [16] = "sample type 16",
        [20] = "Control Analyte", [40] = "Recurrent Blood Derived Cancer - Peripheral Blood", [50] = "Cell Lines",
        [60] = "Primary Xenograft Tissue", [61] = "Cell Line Derived Xenograft Tissue", [99] = "sample type 99",
    };

    private TcgaBarcode(string tss, string participant)
    {
        TissueSourceSite = tss;
        Participant = participant;
    }

    /// <summary>Tissue source site, e.g. "BH".</summary>
    public string TissueSourceSite { get; }

    /// <summary>Participant code, e.g. "A0DK".</summary>
    public string Participant { get; }

    /// <summary>01–09 tumour, 10–19 normal, 20–29 control; null for a participant-only barcode.</summary>
    public int? SampleTypeCode { get; private init; }

    public char? Vial { get; private init; }
    public int? Portion { get; private init; }

    /// <summary>D DNA, R RNA, T total RNA, H mirVana RNA, G/W/X whole-genome amplified DNA.</summary>
    public char? Analyte { get; private init; }

    public string? Plate { get; private init; }
    public string? Center { get; private init; }

    /// <summary>TCGA-XX-XXXX: the case, and the key to join TCIA, GDC and Xena.</summary>
    public string PatientBarcode => $"TCGA-{TissueSourceSite}-{Participant}";

    /// <summary>TCGA-XX-XXXX-01A (or -01 when the vial is not given); null for a participant-only barcode.</summary>
    public string? SampleBarcode => SampleTypeCode is { } code
        ? $"{PatientBarcode}-{code.ToString("00", CultureInfo.InvariantCulture)}{Vial}"
        : null;

    /// <summary>GDC's name for the sample type, e.g. "Primary Tumor" for 01.</summary>
    public string? SampleTypeName => SampleTypeCode is { } code ? GetSampleTypeName(code) : null;

    public TcgaSampleCategory? SampleCategory => SampleTypeCode is { } code ? GetSampleCategory(code) : null;

    public bool IsPrimaryTumor => SampleTypeCode == 1;

    public override string ToString()
    {
        var text = SampleBarcode ?? PatientBarcode;
        if (Portion is { } portion) text += "-" + portion.ToString("00", CultureInfo.InvariantCulture) + Analyte;
        if (Plate is not null) text += "-" + Plate;
        if (Center is not null) text += "-" + Center;
        return text;
    }

    public static TcgaBarcode Parse(string text) =>
        TryParse(text, out var barcode, out var error) ? barcode : throw new FormatException(error);

    /// <summary>The participant barcode of any TCGA barcode (<c>TCGA-AO-A03M-01A-11R-A034-07</c> → <c>TCGA-AO-A03M</c>).</summary>
    public static string ToPatientBarcode(string text) => Parse(text).PatientBarcode;

    public static string GetSampleTypeName(int code) =>
        SampleTypes.TryGetValue(code, out var name) ? name : $"sample type {code.ToString("00", CultureInfo.InvariantCulture)}";

    public static TcgaSampleCategory GetSampleCategory(int code) => code switch
    {
        >= 1 and <= 9 or 40 => TcgaSampleCategory.Tumor,
        >= 10 and <= 19 => TcgaSampleCategory.Normal,
        >= 20 and <= 29 => TcgaSampleCategory.Control,
        _ => TcgaSampleCategory.Other,
    };

    /// <summary>Parses, or says precisely which field is wrong.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TcgaBarcode? barcode, out string error)
    {
        barcode = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text)) return Fail(text, "it is empty", out error);
        var normal = text.Trim().ToUpperInvariant().Replace('.', '-');
        var parts = normal.Split('-');
        if (parts[0] != "TCGA") return Fail(text, $"it must start with 'TCGA-' (found '{parts[0]}')", out error);
        if (parts.Length < 3) return Fail(text, "the tissue source site and participant fields are missing", out error);
        if (parts.Length > 7) return Fail(text, $"it has {parts.Length} fields, at most 7 are defined", out error);
        if (!IsAlnum(parts[1], 2)) return Fail(text, $"the tissue source site '{parts[1]}' must be 2 letters or digits", out error);
        if (!IsAlnum(parts[2], 4)) return Fail(text, $"the participant '{parts[2]}' must be 4 letters or digits", out error);
        var result = new TcgaBarcode(parts[1], parts[2]);

        if (parts.Length > 3)
        {
            var sample = parts[3];
            if (sample.Length is < 2 or > 3 || !char.IsAsciiDigit(sample[0]) || !char.IsAsciiDigit(sample[1]))
                return Fail(text, $"the sample field '{sample}' must be a 2-digit type code and a vial letter (e.g. 01A)", out error);
            var code = int.Parse(sample.AsSpan(0, 2), CultureInfo.InvariantCulture);
            if (code == 0) return Fail(text, "sample type code 00 does not exist (01 = primary tumour, 11 = solid tissue normal)", out error);
            char? vial = null;
            if (sample.Length == 3)
            {
                if (!char.IsAsciiLetterUpper(sample[2])) return Fail(text, $"the vial '{sample[2]}' must be a letter (A, B, ...)", out error);
                vial = sample[2];
            }
            else if (parts.Length > 4)
            {
                return Fail(text, $"the sample field '{sample}' lacks its vial letter (e.g. {sample}A)", out error);
            }
            result = result with { SampleTypeCode = code, Vial = vial };
        }
        if (parts.Length > 4)
        {
            var portion = parts[4];
            if (portion.Length is < 2 or > 3 || !char.IsAsciiDigit(portion[0]) || !char.IsAsciiDigit(portion[1]))
                return Fail(text, $"the portion field '{portion}' must be 2 digits and an analyte letter (e.g. 11R)", out error);
            char? analyte = null;
            if (portion.Length == 3)
            {
                if (!AnalyteCodes.Contains(portion[2]))
                    return Fail(text, $"the analyte '{portion[2]}' is not one of D, G, H, R, T, W, X (R = RNA, D = DNA)", out error);
                analyte = portion[2];
            }
            else if (parts.Length > 5)
            {
                return Fail(text, $"the portion field '{portion}' lacks its analyte letter (e.g. {portion}R)", out error);
            }
            result = result with { Portion = int.Parse(portion.AsSpan(0, 2), CultureInfo.InvariantCulture), Analyte = analyte };
        }
        if (parts.Length > 5)
        {
            if (!IsAlnum(parts[5], 4)) return Fail(text, $"the plate '{parts[5]}' must be 4 letters or digits", out error);
            result = result with { Plate = parts[5] };
        }
        if (parts.Length > 6)
        {
            if (!IsAlnum(parts[6], 2)) return Fail(text, $"the centre '{parts[6]}' must be 2 digits", out error);
            result = result with { Center = parts[6] };
        }
        barcode = result;
        return true;
    }

    private static bool IsAlnum(string s, int length) => s.Length == length && s.All(char.IsAsciiLetterOrDigit);

    private static bool Fail(string? text, string why, out string error)
    {
        error = $"'{text}' is not a valid TCGA barcode: {why}. {Form}.";
        return false;
    }
}
