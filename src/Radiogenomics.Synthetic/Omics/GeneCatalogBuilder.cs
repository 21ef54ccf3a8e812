namespace Radiogenomics.Synthetic;

/// <summary>Builds the gene catalogue, GMT gene sets and signatures from the cohort seed alone (never from the patient count).</summary>
internal static class GeneCatalogBuilder
{
    private sealed class Entry
    {
        public required string Symbol;
        public required string Type;
        public DriverProgram? Program;
        public int Sign;
        public int SingleDriver = -1;
        public bool Housekeeping;
    }

    public static GeneCatalog BuildCatalog(CohortSpec spec)
    {
        var rng = Xoshiro256StarStar.ForStream(spec.Seed, StreamPurpose.CohortLevel, StreamPurpose.GeneCatalogue);
        var entries = new List<Entry>();
        foreach (var p in DriverGeneDesign.Programs)
        {
            foreach (var s in p.Up) entries.Add(new Entry { Symbol = s, Type = "protein_coding", Program = p.Program, Sign = +1 });
            foreach (var s in p.Down) entries.Add(new Entry { Symbol = s, Type = "protein_coding", Program = p.Program, Sign = -1 });
        }
        for (int s = 0; s < LatentModel.SingleGeneCount; s++)
            entries.Add(new Entry { Symbol = LatentModel.SingleGeneSymbols[s], Type = "protein_coding", SingleDriver = s, Sign = +1 });
        foreach (var s in DriverGeneDesign.Housekeeping) entries.Add(new Entry { Symbol = s, Type = "protein_coding", Housekeeping = true });

        const int parY = 2;
        int nullCount = spec.GeneCount - parY - entries.Count;
        for (int i = 0; i < nullCount; i++)
        {
            double u = rng.NextDouble();
            entries.Add(new Entry { Symbol = "", Type = u < 0.72 ? "protein_coding" : u < 0.92 ? "lncRNA" : "processed_pseudogene" });
        }

        // Shuffle so id order reveals nothing about the role.
        for (int i = entries.Count - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (entries[i], entries[j]) = (entries[j], entries[i]);
        }

        int pc = 0, lnc = 0, pseudo = 0;
        foreach (var e in entries.Where(e => e.Symbol.Length == 0))
            e.Symbol = e.Type switch
            {
                "protein_coding" => $"SYN{++pc:D5}",
                "lncRNA" => $"SYNL{++lnc:D5}",
                _ => $"SYNP{++pseudo:D5}",
            };

        // Two null protein-coding genes get a pseudo-autosomal Y copy (GDC rows "<id>_PAR_Y", all zero).
        var parSources = new HashSet<int>();
        while (parSources.Count < parY)
        {
            int k = rng.NextInt(entries.Count);
            if (entries[k] is { Program: null, SingleDriver: < 0, Housekeeping: false, Type: "protein_coding" }) parSources.Add(k);
        }

        var e2 = spec.Effects;
        var genes = new List<Gene>(spec.GeneCount);
        long idNumber = 900000;
        var lnCpm = new List<double>(spec.GeneCount);
        for (int k = 0; k < entries.Count; k++)
        {
            var e = entries[k];
            idNumber += 1 + rng.NextInt(4);
            string id = $"ENSG{idNumber:D11}.{1 + rng.NextInt(20)}";
            bool driver = e.Program is not null || e.SingleDriver >= 0;
            double logCpm = driver ? rng.NextGaussian(Math.Log(40), 0.8)
                : e.Housekeeping ? rng.NextGaussian(Math.Log(800), 0.7)
                : e.Type switch
                {
                    "protein_coding" => rng.NextGaussian(Math.Log(6), 2.0),
                    "lncRNA" => rng.NextGaussian(Math.Log(0.5), 1.6),
                    _ => rng.NextGaussian(Math.Log(0.25), 1.4),
                };
            logCpm = Math.Clamp(logCpm, Math.Log(0.005), Math.Log(20000));
            double length = e.Type switch
            {
                "protein_coding" => Math.Exp(rng.NextGaussian(Math.Log(2800), 0.6)),
                "lncRNA" => Math.Exp(rng.NextGaussian(Math.Log(1300), 0.7)),
                _ => Math.Exp(rng.NextGaussian(Math.Log(900), 0.5)),
            };
            double dispersionNoise = rng.NextGaussian();
            double loadingDraw = rng.NextDouble(e2.MinGeneLoading, e2.MaxGeneLoading);
            double loading = e.SingleDriver >= 0 ? DriverGeneDesign.SingleDriverLoading
                : e.Program is null ? 0
                : e.Sign * (DriverGeneDesign.FixedLoadings.TryGetValue(e.Symbol, out var fixedLoading) ? fixedLoading : loadingDraw);
            lnCpm.Add(logCpm);
            // Dispersion trend of tumour RNA-seq: ≈0.08 asymptotically, larger for weakly expressed genes; log-normal scatter.
            double cpm = Math.Exp(logCpm);
            double dispersion = Math.Clamp((0.08 + 0.5 / Math.Sqrt(cpm)) * Math.Exp(0.35 * dispersionNoise), 0.01, 4);
            int latentIndex = e.SingleDriver >= 0 ? LatentModel.ProgramCount + e.SingleDriver : e.Program is { } prog ? (int)prog : -1;
            genes.Add(new Gene(0, id, e.Symbol, e.Type, (int)Math.Clamp(Math.Round(length), 200, 100000), cpm, dispersion, false,
                e.Program, e.SingleDriver >= 0 ? LatentModel.SingleGeneTargets[e.SingleDriver] : null, loading) { LatentIndex = latentIndex });
            if (parSources.Contains(k))
                genes.Add(genes[^1] with { Id = id + "_PAR_Y", IsParY = true, BaselineCpm = 0, Program = null, SingleDriverTarget = null, Loading = 0, LatentIndex = -1 });
        }

        double total = genes.Sum(g => g.BaselineCpm);
        AddSignatureGenes(spec, genes, idNumber);
        var final = new Gene[genes.Count];
        for (int i = 0; i < genes.Count; i++) final[i] = genes[i] with { Index = i, BaselineCpm = genes[i].BaselineCpm * 1e6 / total };
        return new GeneCatalog(final);
    }

    /// <summary>
    /// The genes of the six genefu signatures: the seed's real-symbol genes that a table names get its Entrez ID, the
    /// others are appended as null genes after the seed's last id, drawn from their own stream. Every gene before them
    /// keeps its id, baseline and dispersion (the baselines stay scaled by the seed catalogue's total, so they sum to
    /// 10⁶ over the seed's genes and the signature genes come on top).
    /// </summary>
    private static void AddSignatureGenes(CohortSpec spec, List<Gene> genes, long lastId)
    {
        var rng = Xoshiro256StarStar.ForStream(spec.Seed, StreamPurpose.CohortLevel, StreamPurpose.SignatureGenes);
        var bySymbol = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < genes.Count; k++)
            if (!genes[k].IsParY) bySymbol[genes[k].Symbol] = k;
        long idNumber = lastId;
        foreach (var (entrez, tableSymbol) in GenefuGeneList.All)
        {
            if (tableSymbol.Length > 0 && bySymbol.TryGetValue(tableSymbol, out int existing))
            {
                genes[existing] = genes[existing] with { EntrezId = entrez };
                continue;
            }
            // NCBI's name for a gene without an official symbol is LOC + its Gene ID.
            string symbol = tableSymbol.Length > 0 ? tableSymbol : "LOC" + entrez;
            idNumber += 1 + rng.NextInt(4);
            string id = $"ENSG{idNumber:D11}.{1 + rng.NextInt(20)}";
            // Expressed like the signature genes of breast tumours on arrays: moderately, rarely absent.
            double logCpm = Math.Clamp(rng.NextGaussian(Math.Log(20), 1.0), Math.Log(0.005), Math.Log(20000));
            double length = Math.Exp(rng.NextGaussian(Math.Log(2800), 0.6));
            double cpm = Math.Exp(logCpm);
            double dispersion = Math.Clamp((0.08 + 0.5 / Math.Sqrt(cpm)) * Math.Exp(0.35 * rng.NextGaussian()), 0.01, 4);
            genes.Add(new Gene(0, id, symbol, "protein_coding", (int)Math.Clamp(Math.Round(length), 200, 100000), cpm, dispersion, false,
                null, null, 0) { EntrezId = entrez, IsSignatureSupplement = true });
            bySymbol[symbol] = genes.Count - 1;
        }
    }

    public static IReadOnlyList<GeneSet> BuildGeneSets(CohortSpec spec, GeneCatalog catalog)
    {
        var rng = Xoshiro256StarStar.ForStream(spec.Seed, StreamPurpose.CohortLevel, StreamPurpose.GeneSets);
        // The seed's null genes only: the genefu signature genes came later and must not shift the sets.
        var nullPool = catalog.Genes.Where(g => !g.IsDriver && !g.IsParY && !g.IsSignatureSupplement && g.Type == "protein_coding").Select(g => g.Symbol).ToArray();
        var sets = new List<GeneSet>();

        string[] Sample(string[] pool, int n)
        {
            // Partial Fisher–Yates on a copy: n distinct members.
            var copy = (string[])pool.Clone();
            n = Math.Min(n, copy.Length);
            for (int i = 0; i < n; i++)
            {
                int j = i + rng.NextInt(copy.Length - i);
                (copy[i], copy[j]) = (copy[j], copy[i]);
            }
            return copy[..n];
        }

        foreach (var p in DriverGeneDesign.Programs)
        {
            var members = p.Up.Concat(p.Down).ToList();
            int driverCount = members.Count;
            members.AddRange(Sample(nullPool, (int)Math.Round(0.25 * driverCount)));
            sets.Add(new GeneSet(p.PathwayName, "synthetic", Shuffle(members), GeneSetRole.Driver, p.Program, (double)driverCount / members.Count));
        }

        var anonymous = new List<GeneSet>();
        for (int i = 0; i < spec.PartialPathwayCount; i++)
        {
            var p = DriverGeneDesign.Programs[i % DriverGeneDesign.Programs.Length];
            var programGenes = p.Up.Concat(p.Down).ToArray();
            int size = rng.NextInt(20, 60);
            int drivers = Math.Clamp((int)Math.Round(size * rng.NextDouble(0.15, 0.30)), 2, programGenes.Length);
            var members = Sample(programGenes, drivers).Concat(Sample(nullPool, size - drivers)).ToList();
            anonymous.Add(new GeneSet("", "synthetic", Shuffle(members), GeneSetRole.Partial, p.Program, (double)drivers / members.Count));
        }
        for (int i = 0; i < spec.NullPathwayCount; i++)
        {
            int size = (int)Math.Round(Math.Exp(rng.NextDouble(Math.Log(15), Math.Log(250))));
            anonymous.Add(new GeneSet("", "synthetic", Sample(nullPool, size), GeneSetRole.Null, null, 0));
        }
        // Number partial and null sets in a shuffled order, so the number reveals nothing.
        var order = Shuffle(Enumerable.Range(0, anonymous.Count).ToList());
        for (int i = 0; i < anonymous.Count; i++) sets.Add(anonymous[order[i]] with { Name = $"SYN_PATHWAY_{i + 1:D3}" });
        return sets.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();

        List<T> Shuffle<T>(List<T> list)
        {
            for (int i = list.Count - 1; i > 0; i--)
            {
                int j = rng.NextInt(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }
            return list;
        }
    }

    public static IReadOnlyList<GeneSignature> BuildSignatures() =>
        DriverGeneDesign.Programs.Select(p => new GeneSignature(
            "SIG_" + p.Program.ToString().ToUpperInvariant(),
            p.Program,
            p.Up.Concat(p.Down).ToArray(),
            p.Up.Select(_ => 1).Concat(p.Down.Select(_ => -1)).ToArray())).ToArray();
}
