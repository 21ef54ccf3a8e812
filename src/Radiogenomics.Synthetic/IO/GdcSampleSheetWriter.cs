namespace Radiogenomics.Synthetic;

/// <summary>GDC sample sheet (the TSV the GDC portal's cart exports) listing every STAR-counts file with its case and sample.</summary>
public static class GdcSampleSheetWriter
{
    public const string Header = "File ID\tFile Name\tData Category\tData Type\tProject ID\tCase ID\tSample ID\tSample Type";

    public static void Write(string path, SyntheticCohort cohort)
    {
        using var writer = TsvFile.Create(path);
        writer.WriteLine(Header);
        foreach (var p in cohort.Patients)
            writer.WriteLine(string.Join('\t', p.CountsFileUuid, StarCountsWriter.FileName(p), "Transcriptome Profiling",
                "Gene Expression Quantification", "TCGA-BRCA", p.PatientId, p.SampleId, "Primary Tumor"));
    }
}
