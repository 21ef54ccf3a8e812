namespace Radiogenomics.Genomics;

/// <summary>Result of <see cref="SignatureGeneMapper.Map"/>: for each kept entry (index into the input) its row, or −1.</summary>
internal sealed record SignatureMapping(int[] Entries, int[] Rows, List<string> Missing, int Total, int Mapped);
