using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>genomics.features</c>.</summary>
public sealed record GenomicFeaturesOptions
{
    [Option("counts → cpm (counts per million), tpm, fpkm (library = protein-coding reads when gene types are known, as GDC), fpkm-uq (GDC: 75th percentile of protein-coding counts), or none when the input is already normalised")]
    public CountNormalization Normalization { get; init; } = CountNormalization.Cpm;

    [Option("log2(x + 1) after normalisation")]
    public bool Log2 { get; init; } = true;

    [Option("gene filter: cpm (CPM > 1 in at least 3 patients), mean (mean of the log2 values ≥ 1) or none")]
    public GeneFilter Filter { get; init; } = GeneFilter.Cpm;

    [Option("gene-set score: ssgsea (GSVA method = \"ssgsea\", tau 0.25, normalised), gsva, zscore or plage")]
    public PathwayMethod PathwayMethod { get; init; } = PathwayMethod.Ssgsea;

    [Option("smallest gene set scored (genes present after filtering); GSVA's own default (min.sz) is 1, so set 1 to score what R scores", Minimum = 1)]
    public int MinSetSize { get; init; } = 5;

    [Option("GENCODE gene types whose genes (after the filter) become features, family 'gene', e.g. [lncRNA]; empty: none (needs an expression table with gene_type)")]
    public IReadOnlyList<string> GeneTypes { get; init; } = [];

    [Option("compute the genefu signatures (Oncotype DX, EndoPredict, ROR-S, GENE70, GENIUS, PIK3CA-GS), mapping genes by Entrez ID where an upstream genes table has entrez_id (as genefu), else by symbol")]
    public bool Signatures { get; init; } = true;
}
