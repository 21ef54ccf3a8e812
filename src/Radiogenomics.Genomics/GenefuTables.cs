using System.Globalization;
using System.Reflection;

namespace Radiogenomics.Genomics;

/// <summary>
/// The genefu 2.39 signature tables (bhklab/genefu, Artistic-2.0) that <see cref="GenefuSignatures"/> needs, keyed by Entrez ID.
/// <see cref="Default"/> reads the copies embedded in this assembly (identical to /work/shared/genefu);
/// <see cref="Load"/> reads the same file names from a folder.
/// </summary>
public sealed class GenefuTables
{
    private static readonly Lazy<GenefuTables> Embedded = new(() => Read(name =>
    {
        var stream = typeof(GenefuTables).Assembly.GetManifestResourceStream("Radiogenomics.Genomics.GenefuTables." + name)
            ?? throw new InvalidOperationException($"Embedded table {name} is missing.");
        return new StreamReader(stream);
    }));

    /// <summary>The tables embedded in the assembly.</summary>
    public static GenefuTables Default => Embedded.Value;

    /// <summary>Reads oncotypedx_sig.csv, endopredict_sig.csv, … from <paramref name="directory"/>.</summary>
    public static GenefuTables Load(string directory) => Read(name => new StreamReader(Path.Combine(directory, name)));

    public required IReadOnlyList<OncotypeDxGene> OncotypeDx { get; init; }
    public required IReadOnlyList<EndoPredictGene> EndoPredict { get; init; }
    public required IReadOnlyList<Gene70Probe> Gene70 { get; init; }
    public required IReadOnlyList<Pam50Centroid> Pam50 { get; init; }
    public required IReadOnlyList<SignatureGene> Pik3caGs { get; init; }

    /// <summary>GENIUS subtype models M1 (ER−/HER2−), M2 (HER2+), M3 (ER+/HER2−).</summary>
    public required IReadOnlyList<IReadOnlyList<SignatureGene>> GeniusModels { get; init; }

    public required IReadOnlyList<SignatureGene> Scmod1Esr1 { get; init; }
    public required IReadOnlyList<SignatureGene> Scmod1Erbb2 { get; init; }
    public required IReadOnlyList<SignatureGene> Scmod1Aurka { get; init; }
    public required Scmod1Mixture Scmod1 { get; init; }

    private static GenefuTables Read(Func<string, TextReader> open)
    {
        List<Dictionary<string, string>> Csv(string name) { using var r = open(name); return CsvText.Read(r); }
        IReadOnlyList<SignatureGene> Signed(string name, string? symbolColumn) => Csv(name).Select(r => new SignatureGene(
            r["probe"], CsvText.OrNull(r["EntrezGene.ID"]), symbolColumn is null ? null : CsvText.OrNull(r[symbolColumn]),
            CsvText.Number(r["coefficient"]))).ToArray();

        return new GenefuTables
        {
            OncotypeDx = Csv("oncotypedx_sig.csv").Select(r => new OncotypeDxGene(r["symbol"], CsvText.OrNull(r["EntrezGene.ID"]), r["group"],
                CsvText.Number(r["weight"]))).ToArray(),
            EndoPredict = Csv("endopredict_sig.csv").Select(r => new EndoPredictGene(r["symbol"], CsvText.OrNull(r["EntrezGene.ID"]), r["group"],
                CsvText.Number(r["weight"]), CsvText.Number(r["a"]), CsvText.Number(r["b"]))).ToArray(),
            Gene70 = Csv("gene70_sig.csv").Select(r => new Gene70Probe(r["probe"], CsvText.OrNull(r["EntrezGene.ID"]), CsvText.OrNull(r["HUGO.gene.symbol"]),
                CsvText.Number(r["correlation"]), CsvText.Number(r["average.good.prognosis.profile"]))).ToArray(),
            Pam50 = Csv("pam50_centroids.csv").Select(r => new Pam50Centroid(r["symbol"], CsvText.OrNull(r["EntrezGene.ID"]),
                CsvText.Number(r["Basal"]), CsvText.Number(r["Her2"]), CsvText.Number(r["LumA"]), CsvText.Number(r["LumB"]), CsvText.Number(r["Normal"]))).ToArray(),
            Pik3caGs = Signed("pik3cags_sig.csv", null),
            GeniusModels = [Signed("genius_GENIUSM1.csv", "NCBI.gene.symbol"), Signed("genius_GENIUSM2.csv", "NCBI.gene.symbol"),
                Signed("genius_GENIUSM3.csv", "NCBI.gene.symbol")],
            Scmod1Esr1 = Signed("scmod1_module_ESR1.csv", null),
            Scmod1Erbb2 = Signed("scmod1_module_ERBB2.csv", null),
            Scmod1Aurka = Signed("scmod1_module_AURKA.csv", null),
            Scmod1 = ReadMixture(open("scmod1_gmm_parameters.txt")),
        };
    }

    private static Scmod1Mixture ReadMixture(TextReader reader)
    {
        var values = new Dictionary<string, double[]>(StringComparer.Ordinal);
        using (reader)
        {
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (line.StartsWith('#') || !line.Contains(':')) continue;
                int colon = line.IndexOf(':');
                string key = line[..colon].Split(' ')[0];
                if (key is not ("pro" or "mean.ESR1" or "mean.ERBB2" or "Sigma.diag" or "rescale.q")) continue;   // scale/shape, AURKA Gaussian: unused
                values[key] = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            }
        }
        double[] Get(string key, int count) =>
            values.TryGetValue(key, out var v) && v.Length == count ? v : throw new FormatException($"scmod1 mixture: '{key}' needs {count} values.");
        var sigma = Get("Sigma.diag", 2);
        return new Scmod1Mixture(Get("pro", 3), Get("mean.ESR1", 3), Get("mean.ERBB2", 3), sigma[0], sigma[1], Get("rescale.q", 1)[0]);
    }
}
