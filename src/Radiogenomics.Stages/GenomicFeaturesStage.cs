using Radiogenomics.Engine.Stages;
using Radiogenomics.Genomics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>genomics.features</c>: patient-level genomic features from an expression table (genes × patients counts).
/// Counts become CPM, TPM, FPKM or FPKM-UQ (GDC's definitions; lengths from a GTF, a table or an upstream genes
/// table) and then log2(x + 1), genes are filtered (CPM &gt; 1 in ≥ 3 patients, or mean ≥ 1 as in
/// Liu et al. 2024); the output holds the genes of a user panel, pathway or immune-cell scores for each GMT file
/// (ssGSEA as GSVA computes it, GSVA's own method, z-score or PLAGE; each file's name is the family), and the six
/// genefu signatures (scores that are rescaled over the cohort, so they belong to this cohort only).
/// </summary>
public sealed class GenomicFeaturesStage : TableStageKind<GenomicFeaturesOptions>
{
    public override string Name => "genomics.features";
    public override int Version => 3;
    public override string Summary => "Gene panel, ssGSEA/GSVA pathway scores and genefu signatures from expression counts.";
    public override IReadOnlyList<string> Consumes => ["expression"];

    /// <summary>Gene sets made upstream (e.g. by fetch.synthetic) are scored as family "pathway", like a GMT file.</summary>
    public override IReadOnlyList<string> OptionalConsumes => ["gene_sets", "genes"];

    public override IReadOnlyList<InputSlotSpec> Inputs =>
    [
        new("gene_sets", "GMT files of pathways or immune signatures; the file name (e.g. pathway.gmt, immune.gmt) is the family", Required: false),
        new("gene_panel", "a text file with one gene symbol or Ensembl id per line: these genes become features (family 'gene')", Required: false),
        new("gene_lengths", "for tpm/fpkm/fpkm-uq: a GENCODE/Ensembl GTF (exon-union lengths, as GDC) or a table with gene_id and/or gene_name and length (bases)", Required: false),
    ];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("genomic", "patient_id, then one double column per genomic feature"),
        new("genomic_features", "one row per genomic feature: name, family, source"),
    ];

    /// <summary>
    /// Count normalisations and the CPM filter need raw counts. A matrix that is already normalised — negative or
    /// fractional values on a log scale, as from a microarray or a log-CPM table — is said to be so, with a cell that
    /// shows it and the parameters that take such input, instead of failing deep in the arithmetic.
    /// </summary>
    private static void RequireCountsWhereNeeded(StageContext context, GenomicFeaturesOptions options, ExpressionMatrix counts, string[] geneIds)
    {
        bool normalises = options.Normalization != CountNormalization.None, filters = options.Filter == GeneFilter.Cpm;
        if (!normalises && !filters) return;
        int n = counts.SampleCount, total = counts.GeneCount * n;
        int bad = -1, fractional = 0, firstFractional = -1;
        double max = 0;
        for (int i = 0; i < total; i++)
        {
            double x = counts[i / n, i % n];
            if (!(x >= 0) || double.IsInfinity(x)) { bad = i; break; }
            if (x != Math.Floor(x)) { fractional++; if (firstFractional < 0) firstFractional = i; }
            max = Math.Max(max, x);
        }
        // Fractional values that never exceed 30 are log-scale expression (log2 of a count of 30 reads would be ≈ 5).
        bool logScale = bad < 0 && fractional > total / 2 && max <= 30;
        if (bad < 0 && !logScale) return;
        int cell = bad >= 0 ? bad : firstFractional;
        double value = counts[cell / n, cell % n];
        string gene = counts.Genes[cell / n] is { Length: > 0 } symbol ? symbol : geneIds[cell / n];
        string what = bad >= 0
            ? $"value {value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)} is not a count (counts are whole numbers ≥ 0)"
            : $"the values look already log-normalised ({fractional} of {total} are fractional, none above {max.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}; e.g. {value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)})";
        string needs = normalises && filters ? $"normalization: {OptionChoices.Spelling(options.Normalization)} and the cpm filter need raw counts"
            : normalises ? $"normalization: {OptionChoices.Spelling(options.Normalization)} needs raw counts" : "the cpm filter (the default) needs raw counts";
        throw new DataProblemException(context.Input("expression"), $"gene {gene}, sample {counts.Samples[cell % n]}", $"{what}; {needs}",
            "for an already normalised log2 matrix set params {normalization: none, log2: false, filter: mean} (or filter: none); for counts, give the raw counts");
    }

    public override Task RunAsync(StageContext context, GenomicFeaturesOptions options, CancellationToken cancellationToken)
    {
        var table = ParquetFile.Read(context.Input("expression"));
        var geneIds = table.GetStrings("gene_id").Select(g => g ?? "").ToArray();
        var symbols = table.GetStrings("gene_name").Select(g => g ?? "").ToArray();
        var patients = table.ColumnNames.Where(c => c is not ("gene_id" or "gene_name" or "gene_type")).ToList();
        var values = new double[geneIds.Length * patients.Count];
        for (int p = 0; p < patients.Count; p++)
        {
            var column = table.GetNullableDoubles(patients[p]);
            for (int g = 0; g < geneIds.Length; g++) values[g * patients.Count + p] = column[g] ?? double.NaN;
        }
        var counts = new ExpressionMatrix(symbols, patients, values);
        if (counts.HasMissingValues())
            throw new DataProblemException(context.Input("expression"), "expression table", "has missing values", "fix or drop the genes with missing counts upstream");
        context.Report(0.1, $"{geneIds.Length} genes × {patients.Count} patients");

        string method = OptionChoices.Spelling(options.Normalization);
        RequireCountsWhereNeeded(context, options, counts, geneIds);
        var geneTypes = table.Contains("gene_type") ? table.GetStrings("gene_type").Select(t => t ?? "").ToArray() : new string[geneIds.Length];
        ExpressionMatrix normalised;
        if (options.Normalization is CountNormalization.Tpm or CountNormalization.Fpkm or CountNormalization.FpkmUq)
        {
            var lengths = LoadGeneLengths(context, method);
            var found = geneIds.Select((id, g) => lengths.Find(id, symbols[g])).ToArray();
            var with = Enumerable.Range(0, found.Length).Where(g => found[g] is not null).ToArray();
            if (with.Length == 0)
                throw new DataProblemException(context.InputFiles("gene_lengths").FirstOrDefault()?.RelativePath ?? "genes", "gene lengths",
                    $"none of the {geneIds.Length} expression genes (e.g. {geneIds.FirstOrDefault()}, {symbols.FirstOrDefault()}) has a length there", "use lengths for the same gene ids or symbols (GENCODE v36 for GDC data)");
            if (with.Length < geneIds.Length)
            {
                var missing = Enumerable.Range(0, geneIds.Length).Except(with).Take(5).Select(g => symbols[g].Length > 0 ? symbols[g] : geneIds[g]);
                context.Log($"{geneIds.Length - with.Length} of {geneIds.Length} genes have no length and are left out of {method} (e.g. {string.Join(", ", missing)})");
                context.Record("genes_without_length", geneIds.Length - with.Length);
            }
            counts = counts.SelectGenes(with);
            geneIds = with.Select(g => geneIds[g]).ToArray();
            symbols = with.Select(g => symbols[g]).ToArray();
            geneTypes = with.Select(g => geneTypes[g] is { Length: > 0 } t ? t : found[g]!.GeneType).ToArray();
            var geneLength = with.Select(g => (double)found[g]!.Length).ToArray();
            bool typesKnown = geneTypes.Any(t => t.Length > 0);
            var proteinCoding = geneTypes.Select(t => t == "protein_coding").ToArray();
            if (options.Normalization == CountNormalization.FpkmUq && !proteinCoding.Any(x => x))
                throw new DataProblemException(context.Input("expression"), "gene_type", "fpkm-uq needs the protein-coding genes (its upper quartile is over them) but no gene has gene_type protein_coding",
                    "use STAR-counts input (it has gene_type), a gene_lengths GTF or table with gene_type, or normalization: tpm");
            if (options.Normalization == CountNormalization.Fpkm && !typesKnown) context.Log("fpkm: gene types unknown, so the library size sums all genes (GDC sums protein-coding genes)");
            normalised = options.Normalization switch
            {
                CountNormalization.Tpm => ExpressionNormalization.Tpm(counts, geneLength),
                CountNormalization.Fpkm => ExpressionNormalization.Fpkm(counts, geneLength, typesKnown ? proteinCoding : null),
                CountNormalization.FpkmUq => ExpressionNormalization.FpkmUq(counts, geneLength, proteinCoding),
                _ => throw new InvalidOperationException($"{method} does not use gene lengths"),
            };
        }
        else normalised = options.Normalization switch
        {
            CountNormalization.Cpm => ExpressionNormalization.Cpm(counts),
            CountNormalization.None => counts,
            _ => throw new InvalidOperationException($"{method} needs gene lengths"),
        };
        bool[] keep = options.Filter switch
        {
            GeneFilter.Cpm => ExpressionNormalization.CpmFilter(counts),
            GeneFilter.Mean or GeneFilter.None => Enumerable.Repeat(true, counts.GeneCount).ToArray(),
        };
        var expression = options.Log2 ? ExpressionNormalization.Log2PlusOne(normalised) : normalised;
        if (options.Filter == GeneFilter.Mean) keep = ExpressionNormalization.MeanFilter(expression);
        var kept = Enumerable.Range(0, keep.Length).Where(i => keep[i]).ToArray();
        var filtered = expression.SelectGenes(kept);
        context.Log($"{kept.Length} of {geneIds.Length} genes pass the {OptionChoices.Spelling(options.Filter)} filter");

        var output = new GenomicTableWriter(patients);
        void AddFeature(string name, string family, string source, ReadOnlySpan<double> row) =>
            output.Add(output.Contains(name) ? $"{family}:{name}" : name, family, source, row.ToArray()); // a gene and a pathway may share a name

        foreach (var panel in context.InputFiles("gene_panel"))
        {
            var wanted = File.ReadLines(panel.FullPath).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Distinct().ToList();
            var missing = new List<string>();
            foreach (var gene in wanted)
            {
                int row = Array.FindIndex(kept, k => symbols[k] == gene || geneIds[k] == gene);
                if (row < 0) { missing.Add(gene); continue; }
                AddFeature(gene, "gene", panel.RelativePath, filtered.Row(row));
            }
            if (missing.Count > 0) context.Log($"{panel.RelativePath}: {missing.Count} of {wanted.Count} panel genes absent or filtered out: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", …" : "")}");
        }

        // Every kept gene of the chosen GENCODE types (e.g. lncRNA, for Yu et al. 2024's univariable lncRNA screens).
        if (options.GeneTypes.Count > 0)
        {
            if (!geneTypes.Any(t => t is { Length: > 0 }))
                throw new DataProblemException(context.Input("expression"), "gene_type", $"gene_types: [{string.Join(", ", options.GeneTypes)}] needs each gene's type, and the expression table has none",
                    "use STAR-counts input (it has gene_type) or leave gene_types empty and give a gene_panel");
            var wantedTypes = options.GeneTypes.ToHashSet(StringComparer.Ordinal);
            int added = 0;
            for (int row = 0; row < kept.Length; row++)
                if (geneTypes[kept[row]] is { } type && wantedTypes.Contains(type))
                {
                    AddFeature(symbols[kept[row]] is { Length: > 0 } symbol ? symbol : geneIds[kept[row]], "gene", "gene_type " + type, filtered.Row(row));
                    added++;
                }
            context.Log($"{added} genes of type {string.Join(", ", options.GeneTypes)} pass the filter and are features (family 'gene')");
        }

        int minSize = options.MinSetSize;
        void ScoreSets(IReadOnlyList<GeneSet> sets, string family, string source)
        {
            context.Report(0.3, $"{OptionChoices.Spelling(options.PathwayMethod)} over {sets.Count} gene sets of {source}");
            GeneSetScores scores = options.PathwayMethod switch
            {
                PathwayMethod.Gsva => Gsva.Score(filtered, sets, new GsvaOptions { MinSize = minSize }),
                PathwayMethod.Zscore => CombinedZScore.Score(filtered, sets, minSize),
                PathwayMethod.Plage => Plage.Score(filtered, sets, minSize),
                PathwayMethod.Ssgsea => Ssgsea.Score(filtered, sets, new SsgseaOptions { MinSize = minSize }),
            };
            int skipped = 0;
            for (int s = 0; s < scores.Sets.Count; s++)
                if (scores.Sets[s].Scored) AddFeature(scores.Sets[s].Name, family, source, scores.Row(s));
                else skipped++;
            if (skipped > 0) context.Log($"{source}: {skipped} of {sets.Count} gene sets not scored (fewer than {minSize} genes present, or empty)");
        }
        foreach (var gmt in context.InputFiles("gene_sets"))
            ScoreSets(GmtFile.Read(gmt.FullPath, gmt.RelativePath), Path.GetFileNameWithoutExtension(gmt.FullPath), gmt.RelativePath);
        if (context.HasInput("gene_sets"))
        {
            var rows = ParquetFile.Read(context.Input("gene_sets"));
            var sets = rows.GetStrings("set").Zip(rows.GetStrings("gene")).GroupBy(r => r.First!, r => r.Second!)
                .Select(g => new GeneSet(g.Key, g.ToList())).ToList();
            ScoreSets(sets, "pathway", "upstream gene_sets");
        }

        if (options.Signatures)
        {
            context.Report(0.7, "genefu signatures");
            var entrezIds = EntrezIds(context, geneIds);
            var by = entrezIds is null ? GeneIdentifier.Symbol : GeneIdentifier.EntrezId;
            context.Log($"genefu signatures: genes mapped by {(entrezIds is null ? "symbol (no entrez_id in an upstream genes table)" : "Entrez ID (the upstream genes table), as genefu does")}");
            var cohort = new SignatureCohort(expression, entrezIds ?? new string?[symbols.Length], symbols);
            foreach (var signature in GenefuSignatures.All(cohort, by))
            {
                if (signature.Scores.All(double.IsNaN)) { context.Log($"signature {signature.Signature} not computed: {signature.Reason}"); continue; }
                AddFeature(signature.Signature, "signature", "genefu", signature.Scores.ToArray());
                context.Log($"signature {signature.Signature}: {signature.GenesMapped} of {signature.GenesTotal} genes mapped");
            }
        }

        output.Write(context.Output("genomic"), context.Output("genomic_features"));
        context.Record("genomic_features", output.Count);
        context.Report(1.0, $"{output.Count} genomic features for {patients.Count} patients");
        return Task.CompletedTask;
    }

    /// <summary>
    /// Each expression row's Entrez Gene ID from an upstream genes table with gene_id and entrez_id (fetch.synthetic
    /// writes one), or null when there is none: genefu maps signature genes by Entrez ID, and PIK3CA-GS and GENIUS
    /// name most of their genes by Entrez ID only.
    /// </summary>
    private static string?[]? EntrezIds(StageContext context, string[] geneIds)
    {
        if (!context.HasInput("genes")) return null;
        var genes = ParquetFile.Read(context.Input("genes"));
        if (!genes.Contains("gene_id") || !genes.Contains("entrez_id")) return null;
        var ids = genes.GetStrings("gene_id");
        // A table read from text stores the ids as numbers; either way they become their decimal text.
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        IReadOnlyList<string?> entrez = genes["entrez_id"].Type switch
        {
            ColumnType.String => genes.GetStrings("entrez_id"),
            ColumnType.Double => genes.GetNullableDoubles("entrez_id").Select(v => v?.ToString("0", inv)).ToArray(),
            ColumnType.Int32 => genes.GetNullableInt32s("entrez_id").Select(v => v?.ToString(inv)).ToArray(),
            ColumnType.Int64 => genes.GetNullableInt64s("entrez_id").Select(v => v?.ToString(inv)).ToArray(),
            var other => throw new DataProblemException(context.Input("genes"), "column entrez_id", $"is {other}, not Entrez Gene IDs", "give entrez_id as text or whole numbers"),
        };
        // Joined on the unversioned id: the expression table strips Ensembl versions, a genes table may keep them.
        var byGene = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
            if (ids[i] is { } id) byGene[Key(id)] = entrez[i];
        var result = geneIds.Select(id => byGene.GetValueOrDefault(Key(id))).ToArray();
        return result.Any(e => e is not null) ? result : null;

        static string Key(string id) => EnsemblGeneId.TryParse(id, out var key, out _, out _) ? key : id;   // symbols stay as they are
    }

    private static GeneLengths LoadGeneLengths(StageContext context, string method)
    {
        var files = context.InputFiles("gene_lengths");
        if (files.Count > 1)
            throw new DataProblemException(files[1].RelativePath, "gene_lengths", "is a second gene-length source", "give one GTF or table");
        if (files.Count == 1) return GeneLengths.FromFile(files[0].ToDataFile());
        if (context.HasInput("genes")) return GeneLengths.FromTable(ParquetFile.Read(context.Input("genes")));
        throw new DataProblemException(context.Input("expression"), "gene lengths", $"normalization: {method} divides by gene length, and no lengths were given",
            "add inputs: {gene_lengths: gencode.v36.annotation.gtf.gz} (or a table with gene_id and length), or use normalization: cpm");
    }
}
