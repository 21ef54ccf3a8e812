namespace Radiogenomics.DataSources;

/// <summary>An expression matrix's orientation (auto: more rows than columns = genes by samples).</summary>
public enum MatrixOrientation
{
    Auto,
    GenesBySamples,
    SamplesByGenes,
}
