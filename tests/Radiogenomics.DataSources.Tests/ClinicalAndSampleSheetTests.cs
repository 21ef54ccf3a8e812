using Xunit;

namespace Radiogenomics.DataSources.Tests;

/// <summary>GDC sample sheets and TCGA Biotab clinical patient files.</summary>
public class ClinicalAndSampleSheetTests
{
    [Fact]
    public void A_portal_sample_sheet_is_read_including_multi_sample_files()
    {
        var sheet = GdcSampleSheet.Read(TestSupport.FixturePath("gdc_sample_sheet.tsv"));

        Assert.Empty(sheet.Problems);
        Assert.Equal(3, sheet.Rows.Count);
        var tumour = sheet.Rows[0];
        Assert.Equal("4f6d3bd6-6a56-4ae4-a5e5-3c0c6de0b1a7", tumour.FileId);
        Assert.Equal("Gene Expression Quantification", tumour.DataType);
        Assert.Equal("TCGA-BRCA", tumour.ProjectId);
        Assert.Equal(["TCGA-BH-A0DK"], tumour.CaseIds);
        Assert.Equal(["TCGA-BH-A0DK-01A"], tumour.SampleIds);
        Assert.Equal(["Primary Tumor"], tumour.SampleTypes);

        var pair = sheet.Rows[2];
        Assert.Equal(["TCGA-AO-A03M-10A", "TCGA-AO-A03M-01A"], pair.SampleIds);
        Assert.Equal(["Blood Derived Normal", "Primary Tumor"], pair.SampleTypes);
        Assert.Equal(["TCGA-AO-A03M"], pair.PatientBarcodes);
    }

    [Fact]
    public void Without_a_Sample_Type_column_the_type_comes_from_the_barcode()
    {
        var text = "File ID\tFile Name\tData Category\tData Type\tProject ID\tCase ID\tSample ID\tTissue Type\n" +
                   "9A1E43A6-3A5E-4C1B-9D0B-8E6C7C2F5D11\tx.tsv\tTranscriptome Profiling\tGene Expression Quantification\tTCGA-BRCA\ttcga-bh-a0dk\tTCGA-BH-A0DK-11A\tNormal\n";

        var row = Assert.Single(GdcSampleSheet.Parse(new StringReader(text)).Rows);

        Assert.Equal(["Solid Tissue Normal"], row.SampleTypes);
        Assert.Equal(["TCGA-BH-A0DK"], row.CaseIds);
        Assert.Equal("9a1e43a6-3a5e-4c1b-9d0b-8e6c7c2f5d11", row.FileId);
    }

    [Fact]
    public void Bad_sheet_rows_are_problem_records()
    {
        var text = "File ID\tFile Name\tData Category\tData Type\tProject ID\tCase ID\tSample ID\tSample Type\n" +
                   "not-a-uuid\ta.tsv\tT\tG\tTCGA-BRCA\tTCGA-BH-A0DK\tTCGA-BH-A0DK-01A\tPrimary Tumor\n" +
                   "4f6d3bd6-6a56-4ae4-a5e5-3c0c6de0b1a7\tb.tsv\tT\tG\tTCGA-BRCA\tTCGA-BH-A0DK\tTCGA-AO-A03M-01A\tPrimary Tumor\n" +
                   "9a1e43a6-3a5e-4c1b-9d0b-8e6c7c2f5d11\tc.tsv\tT\tG\tTCGA-BRCA\tTCGA-BH-A0DK\tTCGA-BH-A0DK-1A\tPrimary Tumor\n" +
                   "0a3b5c2e-1f4d-4e6a-9b8c-7d6e5f4a3b21\td.tsv\tT\tG\tTCGA-BRCA\tTCGA-BH-A0DK\tTCGA-BH-A0DK-01A\tPrimary Tumor\n" +
                   "0a3b5c2e-1f4d-4e6a-9b8c-7d6e5f4a3b21\td.tsv\tT\tG\tTCGA-BRCA\tTCGA-BH-A0DK\tTCGA-BH-A0DK-01A\tPrimary Tumor\n";

        var sheet = GdcSampleSheet.Parse(new StringReader(text), "sheet.tsv", BadRecordPolicy.Skip);

        Assert.Equal(["d.tsv"], sheet.Rows.Select(r => r.FileName));
        Assert.Equal([2L, 3, 4, 6], sheet.Problems.Select(p => p.Line));
        Assert.Contains("is not a UUID", sheet.Problems[0].Reason);
        Assert.Contains("does not belong to case TCGA-BH-A0DK", sheet.Problems[1].Reason);
        Assert.Contains("sample field '1A'", sheet.Problems[2].Reason);
        Assert.Contains("listed again (first on line 5)", sheet.Problems[3].Reason);
        Assert.Throws<DataProblemException>(() => GdcSampleSheet.Parse(new StringReader(text), "sheet.tsv"));
    }

    [Fact]
    public void A_sheet_without_its_key_columns_is_a_header_problem()
    {
        var sheet = GdcSampleSheet.Parse(new StringReader("id\tfilename\n1\t2\n"), "x.tsv", BadRecordPolicy.Skip);
        Assert.Empty(sheet.Rows);
        Assert.Contains("File ID, File Name, Case ID, Sample ID", Assert.Single(sheet.Problems).Reason);
    }

    [Fact]
    public void Biotab_patients_give_receptor_status_and_the_descriptor_rows_are_skipped()
    {
        var table = TcgaClinicalPatientTable.Read(TestSupport.FixturePath("nationwidechildrens.org_clinical_patient_brca.txt"));

        Assert.Empty(table.Problems);
        Assert.Equal(["TCGA-BH-A0DK", "TCGA-AO-A03M", "TCGA-EW-A1J2"], table.Patients.Select(p => p.PatientBarcode));
        var bh = table.Patients[0];
        Assert.Equal((ReceptorStatus.Positive, ReceptorStatus.Positive, ReceptorStatus.Negative), (bh.EstrogenReceptor, bh.ProgesteroneReceptor, bh.Her2)); // HER2 IHC equivocal → FISH negative
        var ao = table.Patients[1];
        Assert.Equal((ReceptorStatus.Negative, ReceptorStatus.Negative, ReceptorStatus.Positive), (ao.EstrogenReceptor, ao.ProgesteroneReceptor, ao.Her2));
        var ew = table.Patients[2];
        Assert.Equal((ReceptorStatus.NotReported, ReceptorStatus.NotReported, ReceptorStatus.NotReported), (ew.EstrogenReceptor, ew.ProgesteroneReceptor, ew.Her2));
        Assert.Equal("Dead", ao.Values["vital_status"]);
        Assert.Equal(5, ao.Line);
    }
}
