namespace Radiogenomics.Synthetic;

/// <summary>The cohort's expression as one matrix (genes × samples, unstranded counts) and the gene annotation table.</summary>
public static class ExpressionTableWriter
{
    /// <summary>Header <c>gene_id</c> then one column per sample barcode (TCGA-XX-XXXX-01A); one row per gene, catalogue order.</summary>
    public static void WriteCountMatrix(string path, SyntheticCohort cohort)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var w = new Utf8LineWriter(stream);
        w.Text("gene_id");
        foreach (var p in cohort.Patients) w.Tab().Text(p.SampleId);
        w.NewLine();
        var counts = cohort.Counts;
        for (int g = 0; g < counts.GeneCount; g++)
        {
            w.Text(cohort.Genes[g].Id);
            for (int s = 0; s < counts.SampleCount; s++) w.Tab().Number(counts[g, s]);
            w.NewLine();
        }
    }

    /// <summary>gene_id, gene_name, gene_type, length (the exon-union length the normalised STAR columns use) and
    /// entrez_id (the genes genefu's signature tables name; empty for the others).</summary>
    public static void WriteGeneTable(string path, SyntheticCohort cohort)
    {
        using var writer = TsvFile.Create(path);
        writer.WriteLine("gene_id\tgene_name\tgene_type\tlength\tentrez_id");
        foreach (var g in cohort.Genes.Genes) writer.WriteLine($"{g.Id}\t{g.Symbol}\t{g.Type}\t{g.Length}\t{g.EntrezId}");
    }
}
