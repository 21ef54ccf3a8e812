using Xunit;

namespace Radiogenomics.DataSources.Tests;

/// <summary>TCGA barcode parsing, normalisation and validation messages.</summary>
public class TcgaBarcodeTests
{
    [Fact]
    public void A_full_aliquot_barcode_is_split_into_every_field()
    {
        var b = TcgaBarcode.Parse("TCGA-AO-A03M-01A-11R-A034-07");

        Assert.Equal("TCGA-AO-A03M", b.PatientBarcode);
        Assert.Equal("TCGA-AO-A03M-01A", b.SampleBarcode);
        Assert.Equal(("AO", "A03M"), (b.TissueSourceSite, b.Participant));
        Assert.Equal(1, b.SampleTypeCode);
        Assert.Equal('A', b.Vial);
        Assert.Equal(11, b.Portion);
        Assert.Equal('R', b.Analyte);
        Assert.Equal("A034", b.Plate);
        Assert.Equal("07", b.Center);
        Assert.Equal("Primary Tumor", b.SampleTypeName);
        Assert.Equal(TcgaSampleCategory.Tumor, b.SampleCategory);
        Assert.True(b.IsPrimaryTumor);
        Assert.Equal("TCGA-AO-A03M-01A-11R-A034-07", b.ToString());
    }

    [Theory]
    [InlineData("TCGA-BH-A0DK", "TCGA-BH-A0DK", null)]
    [InlineData("tcga-bh-a0dk-11a", "TCGA-BH-A0DK", "TCGA-BH-A0DK-11A")]
    [InlineData("  TCGA.BH.A0DK.01  ", "TCGA-BH-A0DK", "TCGA-BH-A0DK-01")]
    [InlineData("TCGA-E2-A15A-06A-11R-A12D-07", "TCGA-E2-A15A", "TCGA-E2-A15A-06A")]
    public void Barcodes_at_any_depth_normalise_to_patient_and_sample(string text, string patient, string? sample)
    {
        var b = TcgaBarcode.Parse(text);
        Assert.Equal(patient, b.PatientBarcode);
        Assert.Equal(sample, b.SampleBarcode);
        Assert.Equal(patient, TcgaBarcode.ToPatientBarcode(text));
    }

    [Theory]
    [InlineData(1, "Primary Tumor", TcgaSampleCategory.Tumor)]
    [InlineData(6, "Metastatic", TcgaSampleCategory.Tumor)]
    [InlineData(10, "Blood Derived Normal", TcgaSampleCategory.Normal)]
    [InlineData(11, "Solid Tissue Normal", TcgaSampleCategory.Normal)]
    [InlineData(20, "Control Analyte", TcgaSampleCategory.Control)]
    [InlineData(50, "Cell Lines", TcgaSampleCategory.Other)]
    public void Sample_type_codes_have_gdc_names_and_categories(int code, string name, TcgaSampleCategory category)
    {
        Assert.Equal(name, TcgaBarcode.GetSampleTypeName(code));
        Assert.Equal(category, TcgaBarcode.GetSampleCategory(code));
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("TARGET-20-PAEFGT", "must start with 'TCGA-'")]
    [InlineData("TCGA-BH", "participant fields are missing")]
    [InlineData("TCGA-B-A0DK", "tissue source site 'B'")]
    [InlineData("TCGA-BH-A0D", "participant 'A0D'")]
    [InlineData("TCGA-BH-A0DK-1A", "sample field '1A'")]
    [InlineData("TCGA-BH-A0DK-00A", "code 00 does not exist")]
    [InlineData("TCGA-BH-A0DK-01-11R", "lacks its vial letter")]
    [InlineData("TCGA-BH-A0DK-01A-11Q", "analyte 'Q'")]
    [InlineData("TCGA-BH-A0DK-01A-1R", "portion field '1R'")]
    [InlineData("TCGA-BH-A0DK-01A-11R-A05", "plate 'A05'")]
    [InlineData("TCGA-BH-A0DK-01A-11R-A056-07-X", "at most 7 are defined")]
    public void Invalid_barcodes_say_which_field_is_wrong(string text, string expected)
    {
        Assert.False(TcgaBarcode.TryParse(text, out var barcode, out var error));
        Assert.Null(barcode);
        Assert.Contains(expected, error);
        Assert.Contains("e.g. TCGA-AO-A03M-01A-11R-A034-07", error);
        Assert.Equal(error, Assert.Throws<FormatException>(() => TcgaBarcode.Parse(text)).Message);
    }
}
