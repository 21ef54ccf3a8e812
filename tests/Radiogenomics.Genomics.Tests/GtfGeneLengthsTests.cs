using System.IO.Compression;

namespace Radiogenomics.Genomics.Tests;

public sealed class GtfGeneLengthsTests
{
    private const string Gtf = """
        ##format: gtf
        chr1	HAVANA	gene	100	400	.	+	.	gene_id "ENSG01.2"; gene_type "protein_coding"; gene_name "A";
        chr1	HAVANA	exon	100	199	.	+	.	gene_id "ENSG01.2"; transcript_id "T1"; gene_type "protein_coding"; gene_name "A";
        chr1	HAVANA	exon	150	250	.	+	.	gene_id "ENSG01.2"; transcript_id "T2"; gene_type "protein_coding"; gene_name "A";
        chr1	HAVANA	exon	251	260	.	+	.	gene_id "ENSG01.2"; transcript_id "T2"; gene_type "protein_coding"; gene_name "A";
        chr1	HAVANA	exon	300	400	.	+	.	gene_id "ENSG01.2"; transcript_id "T3"; gene_type "protein_coding"; gene_name "A";
        chr2	ENSEMBL	exon	10	19	.	-	.	gene_id "ENSG02"; gene_biotype "lncRNA"; gene_name "B";
        chr2	ENSEMBL	gene	5	50	.	-	.	gene_id "ENSG03"; gene_name "NO_EXONS";
        """;

    [Fact]
    public void LengthIsTheUnionOfExonsCountedOnce()
    {
        var genes = GtfGeneLengths.Read(new StringReader(Gtf), "t.gtf");
        // A: [100,260] (overlapping 100–199/150–250, adjacent 251–260) = 161 bases, plus [300,400] = 101 → 262.
        Assert.Equal([new GeneAnnotation("ENSG01.2", "A", "protein_coding", 262), new GeneAnnotation("ENSG02", "B", "lncRNA", 10)], genes);
    }

    [Fact]
    public void ReadsGzipAndNamesTheBadLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rg-gtf-{Guid.NewGuid():N}.gtf.gz");
        try
        {
            using (var gz = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest))) gz.Write(Gtf);
            Assert.Equal(2, GtfGeneLengths.Read(path).Count);
            File.WriteAllText(path[..^3], "chr1\tX\texon\t5\t4\t.\t+\t.\tgene_id \"G\";\n");
            var e = Assert.Throws<FormatException>(() => GtfGeneLengths.Read(path[..^3]));
            Assert.Contains("line 1: exon coordinates '5'–'4' are not 1 ≤ start ≤ end", e.Message);
        }
        finally
        {
            File.Delete(path);
            File.Delete(path[..^3]);
        }
    }
}
