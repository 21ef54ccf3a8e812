using Radiogenomics.Tables;

namespace Radiogenomics.DataSources;

/// <summary>
/// Reads tumour gene expression into one genes × patients table (gene_id, gene_name, gene_type, then one
/// column per patient): from GDC STAR-counts files (with an optional GDC sample sheet naming each file's
/// sample), or from one matrix (TSV/CSV/Parquet; genes × samples or samples × genes, Xena style).
/// TCGA barcodes become patient ids (TCGA-XX-XXXX); by default only primary tumours (sample type 01) are
/// kept, and of several per patient the first by barcode. Ensembl versions are stripped, but a _PAR_Y gene
/// keeps its suffix so it never merges with its X twin.
/// </summary>
public static class ExpressionIngest
{
    public static (Table Expression, List<ExpressionSample> Samples) FromStarCounts(
        IReadOnlyList<DataFile> files, DataFile? sampleSheet, StarCountsColumn column, bool primaryTumourOnly, BadRecordPolicy policy,
        Action<double>? progress = null)
    {
        var sheet = sampleSheet is null ? null
            : GdcSampleSheet.Read(sampleSheet.FullPath, policy).Rows.GroupBy(r => r.FileName).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var parsed = new StarCountsFile?[files.Count];
        int done = 0;
        Parallel.For(0, files.Count, i =>
        {
            parsed[i] = StarCountsFile.Read(files[i].FullPath, new StarCountsOptions { Policy = policy });
            progress?.Invoke((double)Interlocked.Increment(ref done) / files.Count);
        });

        var candidates = new List<(string Sample, string Patient, int Index, ExpressionSample Row)>();
        var samples = new List<ExpressionSample>();
        for (int i = 0; i < files.Count; i++)
        {
            string fileName = Path.GetFileName(files[i].FullPath);
            string sampleId = sheet is not null
                ? sheet.TryGetValue(fileName, out var row) ? row.SampleIds.FirstOrDefault() ?? ""
                    : throw new DataProblemException(sampleSheet!.DisplayPath, fileName, "the sample sheet has no row for this expression file", "add the file to the sample sheet or remove it from the inputs")
                : Path.GetFileNameWithoutExtension(fileName.Replace(".gz", "", StringComparison.Ordinal));
            var (patient, type, keep, reason) = Classify(sampleId, primaryTumourOnly);
            var sample = new ExpressionSample(files[i].DisplayPath, sampleId, patient, type, keep, reason);
            if (keep) candidates.Add((sampleId, patient, i, sample));
            else samples.Add(sample);
        }
        var chosen = new List<(string Patient, int Index)>();
        foreach (var group in candidates.GroupBy(c => c.Patient, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(c => c.Sample, StringComparer.Ordinal).ToList();
            chosen.Add((group.Key, ordered[0].Index));
            samples.Add(ordered[0].Row);
            foreach (var extra in ordered.Skip(1))
                samples.Add(extra.Row with { Kept = false, Reason = $"another sample of this patient ({ordered[0].Sample}) is used" });
        }

        var genes = parsed[chosen.Count > 0 ? chosen[0].Index : 0]?.Genes ?? [];
        var table = new Table()
            .Add("gene_id", genes.Select(g => (string?)g.GeneKey).ToArray())
            .Add("gene_name", genes.Select(g => (string?)g.GeneName).ToArray())
            .Add("gene_type", genes.Select(g => (string?)g.GeneType).ToArray());
        foreach (var (patient, index) in chosen)
        {
            var file = parsed[index]!;
            var values = new double?[genes.Count];
            for (int g = 0; g < genes.Count; g++)
                values[g] = file.TryGetGene(genes[g].GeneKey, out var gene) && double.IsFinite(gene.Get(column)) ? gene.Get(column) : null;
            table.Add(patient, values);
        }
        return (table, samples.OrderBy(s => s.Source, StringComparer.Ordinal).ToList());
    }

    /// <summary>TCGA barcodes map to their patient; other ids are taken as the patient id itself (local cohorts).</summary>
    public static (string Patient, string? SampleType, bool Keep, string Reason) Classify(string sampleId, bool primaryTumourOnly)
    {
        if (!sampleId.StartsWith("TCGA-", StringComparison.OrdinalIgnoreCase)) return (sampleId, null, true, "kept");
        if (!TcgaBarcode.TryParse(sampleId, out var barcode, out var error)) return (sampleId, null, false, "not a valid TCGA barcode: " + error);
        string? type = barcode.SampleTypeCode is { } code ? $"{code:00} {barcode.SampleTypeName}" : null;
        if (primaryTumourOnly && barcode.SampleTypeCode is { } c && c != 1)
            return (barcode.PatientBarcode, type, false, $"sample type {type} is not a primary tumour (01)");
        return (barcode.PatientBarcode, type, true, "kept");
    }

    /// <summary>The expression table of a fetch stage given no expression: its three gene columns and no patients.</summary>
    public static Table Empty() => new Table().Add("gene_id", Array.Empty<string?>()).Add("gene_name", Array.Empty<string?>()).Add("gene_type", Array.Empty<string?>());

    /// <summary>
    /// A matrix file: genes × samples when it has more rows than sample columns (the usual shape), else
    /// samples × genes, unless <paramref name="orientation"/> says which. The first column holds the ids.
    /// </summary>
    public static (Table Expression, List<ExpressionSample> Samples) FromMatrix(DataFile file, MatrixOrientation orientation, bool primaryTumourOnly)
    {
        var tabular = TabularFile.Read(file.FullPath, file.DisplayPath);
        var names = tabular.Table.ColumnNames;
        string idColumn = names[0];
        var ids = tabular.Strings(idColumn);
        bool genesByRows = orientation switch
        {
            MatrixOrientation.GenesBySamples => true,
            MatrixOrientation.SamplesByGenes => false,
            MatrixOrientation.Auto => tabular.RowCount >= names.Count - 1,
        };
        var samples = new List<ExpressionSample>();
        var table = new Table();
        if (genesByRows)
        {
            table.Add("gene_id", ids.Select(id => (string?)GeneKey(id)).ToArray())
                 .Add("gene_name", ids.Select(id => (string?)id).ToArray())
                 .Add("gene_type", new string?[ids.Length]);
            foreach (var (sampleId, patient) in KeptSamples(names.Skip(1), file.DisplayPath, primaryTumourOnly, samples))
                table.Add(patient, tabular.Numbers(sampleId, allowMissing: true).Select(v => double.IsFinite(v) ? v : (double?)null).ToArray());
        }
        else
        {
            var geneNames = names.Skip(1).ToList();
            var rowOf = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
            var columns = geneNames.Select(g => tabular.Numbers(g, allowMissing: true)).ToList();
            table.Add("gene_id", geneNames.Select(g => (string?)GeneKey(g)).ToArray())
                 .Add("gene_name", geneNames.Cast<string?>().ToArray())
                 .Add("gene_type", new string?[geneNames.Count]);
            foreach (var (sampleId, patient) in KeptSamples(ids, file.DisplayPath, primaryTumourOnly, samples))
                table.Add(patient, columns.Select(c => double.IsFinite(c[rowOf[sampleId]]) ? c[rowOf[sampleId]] : (double?)null).ToArray());
        }
        return (table, samples);
    }

    /// <summary>Ensembl ids lose their version (keeping _PAR_Y); symbols and other ids stay as they are.</summary>
    private static string GeneKey(string id) => EnsemblGeneId.TryParse(id, out var key, out _, out _) ? key : id;

    private static List<(string SampleId, string Patient)> KeptSamples(IEnumerable<string> sampleIds, string source, bool primaryTumourOnly, List<ExpressionSample> log)
    {
        var kept = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in sampleIds.Order(StringComparer.Ordinal))
        {
            var (patient, type, keep, reason) = Classify(id, primaryTumourOnly);
            if (keep && !seen.Add(patient)) { keep = false; reason = "another sample of this patient is used"; }
            log.Add(new ExpressionSample(source, id, patient, type, keep, reason));
            if (keep) kept.Add((id, patient));
        }
        return kept;
    }
}
