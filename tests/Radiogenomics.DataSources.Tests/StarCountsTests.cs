using System.IO.Compression;
using Xunit;

namespace Radiogenomics.DataSources.Tests;

/// <summary>GDC STAR-counts files: layout, QC rows, gene keys and _PAR_Y, bad input as problem records.</summary>
public class StarCountsTests
{
    private const string Header = "gene_id\tgene_name\tgene_type\tunstranded\tstranded_first\tstranded_second\ttpm_unstranded\tfpkm_unstranded\tfpkm_uq_unstranded";
    private const string Qc = "N_unmapped\t\t\t10\t10\t10\t\t\t\nN_multimapping\t\t\t20\t20\t20\t\t\t\nN_noFeature\t\t\t30\t300\t310\t\t\t\nN_ambiguous\t\t\t40\t4\t5\t\t\t\n";

    private static StarCountsFile Parse(string genes, BadRecordPolicy policy) =>
        StarCountsFile.Parse(new StringReader("# gene-model: GENCODE v36\n" + Header + "\n" + Qc + genes), "sample.tsv", new StarCountsOptions { Policy = policy });

    [Fact]
    public void The_gdc_file_is_read_with_its_gene_model_qc_rows_and_genes()
    {
        var file = StarCountsFile.Read(TestSupport.FixturePath("star_counts.tsv"));

        Assert.Equal("GENCODE v36", file.GeneModel);
        Assert.Equal(["N_unmapped", "N_multimapping", "N_noFeature", "N_ambiguous"], file.Qc.Select(q => q.Name));
        Assert.Equal(new StarCountsQcRow("N_noFeature", 2561633, 28943640, 29075116, 5), file.GetQc("N_noFeature"));
        Assert.Equal(9, file.Genes.Count);
        Assert.DoesNotContain(file.Genes, g => g.GeneId.StartsWith("N_"));
        Assert.Empty(file.Problems);

        var tspan6 = file.Genes[0];
        Assert.Equal(("ENSG00000000003.15", "ENSG00000000003", "TSPAN6", "protein_coding"), (tspan6.GeneId, tspan6.GeneKey, tspan6.GeneName, tspan6.GeneType));
        Assert.Equal((3022d, 1518d, 1504d), (tspan6.Unstranded, tspan6.StrandedFirst, tspan6.StrandedSecond));
        Assert.Equal(37.7229, tspan6.Get(StarCountsColumn.TpmUnstranded));
        Assert.Equal(10.4133, tspan6.FpkmUnstranded);
        Assert.Equal(10.9876, tspan6.FpkmUqUnstranded);
        Assert.Equal(7, tspan6.Line);
    }

    [Fact]
    public void Par_Y_rows_keep_their_own_key_and_never_merge_with_the_X_twin()
    {
        var file = StarCountsFile.Read(TestSupport.FixturePath("star_counts.tsv"));

        Assert.True(file.TryGetGene("ENSG00000002586.20", out var x));
        Assert.True(file.TryGetGene("ENSG00000002586.20_PAR_Y", out var y));
        Assert.Equal(("ENSG00000002586", 8131d, false), (x.GeneKey, x.Unstranded, x.IsParY));
        Assert.Equal(("ENSG00000002586_PAR_Y", 0d, true), (y.GeneKey, y.Unstranded, y.IsParY));
        Assert.True(file.TryGetGene("ENSG00000124334", out var il9r));
        Assert.Equal(16, il9r.Unstranded);
        Assert.Equal(file.Genes.Count, file.Genes.Select(g => g.GeneKey).Distinct().Count());
        Assert.False(file.TryGetGene("ENSG99999999999", out _));
    }

    [Fact]
    public void Par_Y_rows_can_be_dropped()
    {
        var file = StarCountsFile.Read(TestSupport.FixturePath("star_counts.tsv"), new StarCountsOptions { DropParY = true });

        Assert.Equal(7, file.Genes.Count);
        Assert.Equal(2, file.ParYDropped);
        Assert.DoesNotContain(file.Genes, g => g.IsParY);
        Assert.True(file.TryGetGene("ENSG00000002586", out var cd99));
        Assert.Equal(8131, cd99.Unstranded);
    }

    [Fact]
    public void A_gzipped_file_is_read_the_same()
    {
        using var dir = new TempDirectory();
        var gz = dir.File("counts.tsv.gz");
        using (var output = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
            output.Write(File.ReadAllBytes(TestSupport.FixturePath("star_counts.tsv")));

        Assert.Equal(9, StarCountsFile.Read(gz).Genes.Count);
    }

    [Theory]
    [InlineData("ENSG00000000003.15", "ENSG00000000003")]
    [InlineData("ENSG00000000003", "ENSG00000000003")]
    [InlineData("ENSG00000002586.20_PAR_Y", "ENSG00000002586_PAR_Y")]
    [InlineData(" ENSG00000124334.17 ", "ENSG00000124334")]
    [InlineData("ENSMUSG00000000001.4", "ENSMUSG00000000001")]
    public void Versions_are_stripped_and_PAR_Y_is_kept(string id, string key) => Assert.Equal(key, EnsemblGeneId.StripVersion(id));

    [Theory]
    [InlineData("TSPAN6")]
    [InlineData("ENSG0000000003.15")]
    [InlineData("ENSG00000000003.")]
    [InlineData("ENSG00000000003.x")]
    [InlineData("ENST00000373020.9")]
    [InlineData("")]
    public void Non_ensembl_gene_ids_are_refused(string id) => Assert.Throws<FormatException>(() => EnsemblGeneId.StripVersion(id));

    private const string BadGenes =
        "ENSG00000000003.15\tTSPAN6\tprotein_coding\t3022\t1518\t1504\t37.7229\t10.4133\t10.9876\n" + // line 7: good
        "ENSG00000000005.6\tTNMD\tprotein_coding\tNaN\t6\t6\t0.4401\t0.1215\t0.1282\n" +             // 8: NaN count
        "ENSG00000000419.13\tDPM1\tprotein_coding\t2418\t-3\t1216\t93.0641\t25.6899\t27.1073\n" +     // 9: negative count
        "ENSG00000000457.14\tSCYL3\tprotein_coding\t1037\t1066\t953\tabc\t2.2415\t2.3652\n" +          // 10: non-numeric TPM
        "ENSG00000000460.17\tFIRRM\tprotein_coding\t12.5\t6\t6\t0.1\t0.1\t0.1\n" +                       // 11: fractional count
        "ENSG00000000003.15\tTSPAN6\tprotein_coding\t1\t1\t1\t1\t1\t1\n" +                              // 12: duplicate id
        "ENSG00000000003.14\tTSPAN6\tprotein_coding\t1\t1\t1\t1\t1\t1\n" +                              // 13: same gene, other version
        "ENSG00000000938.13\tFGR\tprotein_coding\t5\t5\n" +                                             // 14: ragged row
        "TSPAN6\tTSPAN6\tprotein_coding\t1\t1\t1\t1\t1\t1\n" +                                          // 15: not an Ensembl id
        "ENSG00000001036.14\tFUCA2\tprotein_coding\t2\t1\t1\t\t0.5\t0.5\n";                             // 16: empty TPM

    [Fact]
    public void Under_Fail_all_problems_are_reported_together_with_file_record_reason_and_fix()
    {
        var error = Assert.Throws<DataProblemException>(() => Parse(BadGenes, BadRecordPolicy.Fail));

        Assert.Equal([8L, 9, 10, 11, 12, 13, 14, 15, 16], error.Problems.Select(p => p.Line));
        Assert.All(error.Problems, p =>
        {
            Assert.Equal("sample.tsv", p.File);
            Assert.NotEmpty(p.Record);
            Assert.NotEmpty(p.Reason);
            Assert.NotEmpty(p.Fix);
        });
        var byLine = error.Problems.ToDictionary(p => p.Line);
        Assert.Equal("ENSG00000000005.6 unstranded", byLine[8].Record);
        Assert.Contains("NaN", byLine[8].Reason);
        Assert.Contains("negative read count -3", byLine[9].Reason);
        Assert.Equal("ENSG00000000457.14 tpm_unstranded", byLine[10].Record);
        Assert.Contains("'abc' is not a number", byLine[10].Reason);
        Assert.Contains("not a whole number", byLine[11].Reason);
        Assert.Contains("appears again (first on line 7)", byLine[12].Reason);
        Assert.Contains("appears again (first on line 7)", byLine[13].Reason);
        Assert.Contains("has 5 tab-separated cells, the header has 9", byLine[14].Reason);
        Assert.Contains("not an Ensembl gene id", byLine[15].Reason);
        Assert.Contains("empty cell", byLine[16].Reason);
        Assert.StartsWith("9 problem(s) in sample.tsv", error.Message);
    }

    [Fact]
    public void Under_Skip_bad_rows_are_left_out_and_listed()
    {
        var file = Parse(BadGenes, BadRecordPolicy.Skip);

        Assert.Equal(["ENSG00000000003.15"], file.Genes.Select(g => g.GeneId));
        Assert.Equal(9, file.Problems.Count);
        Assert.Equal(4, file.Qc.Count);
    }

    [Fact]
    public void Under_KeepAsMissing_bad_cells_become_NaN_and_unusable_rows_are_left_out()
    {
        var file = Parse(BadGenes, BadRecordPolicy.KeepAsMissing);

        Assert.Equal(
            ["ENSG00000000003.15", "ENSG00000000005.6", "ENSG00000000419.13", "ENSG00000000457.14", "ENSG00000000460.17", "ENSG00000001036.14"],
            file.Genes.Select(g => g.GeneId));
        Assert.True(file.TryGetGene("ENSG00000000005", out var tnmd));
        Assert.True(double.IsNaN(tnmd.Unstranded));
        Assert.Equal(6, tnmd.StrandedFirst);
        Assert.True(file.TryGetGene("ENSG00000000419", out var dpm1));
        Assert.True(double.IsNaN(dpm1.StrandedFirst));
        Assert.True(file.TryGetGene("ENSG00000000457", out var scyl3));
        Assert.True(double.IsNaN(scyl3.TpmUnstranded));
        Assert.Equal(3022, file.Genes[0].Unstranded); // the duplicate did not overwrite the first row
        Assert.Equal(9, file.Problems.Count);
    }

    [Fact]
    public void A_file_that_is_not_star_counts_is_one_header_problem()
    {
        var file = StarCountsFile.Parse(new StringReader("Hybridization REF\tTCGA-BH-A0DK-01A\ngene_id\tnormalized_count\nA1BG|1\t194.4\n"), "rsem.txt",
            new StarCountsOptions { Policy = BadRecordPolicy.Skip });

        Assert.Empty(file.Genes);
        var problem = Assert.Single(file.Problems);
        Assert.Equal(("header", 1L), (problem.Record, problem.Line));
        Assert.Contains("gene_id, unstranded", problem.Reason);
    }

    [Fact]
    public void A_header_without_genes_is_a_problem()
    {
        var error = Assert.Throws<DataProblemException>(() => Parse("", BadRecordPolicy.Fail));
        Assert.Contains("no gene rows", Assert.Single(error.Problems).Reason);
    }
}
