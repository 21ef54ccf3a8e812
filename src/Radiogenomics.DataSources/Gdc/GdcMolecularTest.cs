using System.Text.Json;

namespace Radiogenomics.DataSources;

/// <summary>A molecular test under a follow-up, e.g. gene_symbol ESR1 / PGR / ERBB2 with test_result Positive.</summary>
public sealed record GdcMolecularTest(string? GeneSymbol, string? LaboratoryTest, string? MolecularAnalysisMethod, string? TestResult)
{
    internal static GdcMolecularTest FromJson(JsonElement e) => new(
        JsonRead.String(e, "gene_symbol"),
        JsonRead.String(e, "laboratory_test"),
        JsonRead.String(e, "molecular_analysis_method"),
        JsonRead.String(e, "test_result"));
}
