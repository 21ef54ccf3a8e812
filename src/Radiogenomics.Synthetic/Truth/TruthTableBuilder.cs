namespace Radiogenomics.Synthetic;

/// <summary>Derives the truth table from the same <see cref="LatentModel"/> and catalogue the simulator uses.</summary>
internal static class TruthTableBuilder
{
    private sealed record Target(string Name, double[] Covariance, double Variance, double[] Direct, string Scale);

    public static TruthTable Build(CohortSpec spec, LatentModel model, GeneCatalog catalog, IReadOnlyList<GeneSet> sets, IReadOnlyList<GeneSignature> signatures)
    {
        const int D = LatentModel.Dimension;
        var targets = new List<Target>();
        for (int p = 0; p < 5; p++)
        {
            var b = model.PropertyCoefficients[p];
            double r = model.PropertyResidualSd[p];
            targets.Add(new Target(TruthTable.TargetName((TumourProperty)p), model.CovarianceWith(b), model.Quadratic(b) + r * r, b, "sd_per_sd"));
        }
        double[] Unit(int i, double v) { var e = new double[D]; e[i] = v; return e; }
        int lum = (int)DriverProgram.Luminal, her2 = (int)DriverProgram.Her2Amplicon;
        targets.Add(new Target(TruthTable.ErStatus, model.CovarianceWith(Unit(lum, model.ErSlope)), model.ErSlope * model.ErSlope + 1, Unit(lum, model.ErSlope), "probit_per_sd"));
        targets.Add(new Target(TruthTable.PrStatus, model.CovarianceWith(Unit(lum, model.PrSlope)), model.PrSlope * model.PrSlope + 1, Unit(lum, model.PrSlope), "probit_per_sd"));
        {
            // HER2 status is the amplification indicator; the standardised activity's covariance with it is 2.5·p(1−p)/SD.
            double p = spec.Her2AmplifiedFraction;
            double sd = Math.Sqrt(0.16 + 6.25 * p * (1 - p));
            targets.Add(new Target(TruthTable.Her2Status, model.CovarianceWith(Unit(her2, 2.5 * p * (1 - p) / sd)), p * (1 - p), Unit(her2, 1), "defines_status"));
        }
        var size = targets[(int)TumourProperty.Size];
        targets.Add(new Target(TruthTable.TStage, size.Covariance, size.Variance, new double[D], "via_size"));
        targets.Add(new Target(TruthTable.NStage, model.CovarianceWith(model.NodeLiabilityTotalCoefficients), model.NodeLiabilityVariance, model.NodeCoefficients, "ordinal_probit_per_sd"));
        {
            var b = model.HazardCoefficients;
            double age = model.AgeLogHazardPerDecade * LatentModel.AgeSd / 10;
            targets.Add(new Target(TruthTable.Hazard, model.CovarianceWith(b), model.Quadratic(b) + age * age, b, "log_hr_per_sd"));
        }

        double medianLibrary = spec.MedianLibrarySize;
        double NoiseVariance(Gene g) => g.Dispersion + 1 / Math.Max(1e-3, medianLibrary * g.BaselineCpm / 1e6);
        var entries = new List<TruthEntry>();

        // Programmes (latent).
        for (int k = 0; k < LatentModel.ProgramCount; k++)
        {
            var prog = (DriverProgram)k;
            foreach (var t in targets)
            {
                double rho = t.Variance > 0 ? t.Covariance[k] / Math.Sqrt(t.Variance) : 0;
                var role = t.Direct[k] != 0 ? TruthRole.Direct : Math.Abs(rho) >= 0.1 ? TruthRole.Indirect : (TruthRole?)null;
                if (role is { } r) entries.Add(new TruthEntry(TruthEntityKind.Program, prog.ToString(), prog.ToString(), t.Name, r, r == TruthRole.Direct ? t.Direct[k] : 0, t.Scale, rho, prog, 0));
            }
        }
        // Tumour size as a driver of T and N.
        entries.Add(new TruthEntry(TruthEntityKind.TumourProperty, "size", "size", TruthTable.TStage, TruthRole.Direct, 1, "thresholds", 1, null, 0));
        entries.Add(new TruthEntry(TruthEntityKind.TumourProperty, "size", "size", TruthTable.NStage, model.NodeSizeCoefficient != 0 ? TruthRole.Direct : TruthRole.Null,
            model.NodeSizeCoefficient, "ordinal_probit_per_sd", model.NodeSizeCoefficient / Math.Sqrt(model.NodeLiabilityVariance), null, 0));

        // Genes.
        foreach (var g in catalog.Genes)
        {
            if (!g.IsDriver || g.Loading == 0)
            {
                entries.Add(new TruthEntry(TruthEntityKind.Gene, g.Id, g.Symbol, TruthTable.None, TruthRole.Null, 0, "", 0, null, 0));
                continue;
            }
            int k = g.LatentIndex;
            double geneSd = Math.Sqrt(g.Loading * g.Loading + NoiseVariance(g));
            bool any = false;
            foreach (var t in targets)
            {
                double rho = t.Variance > 0 ? g.Loading * t.Covariance[k] / (geneSd * Math.Sqrt(t.Variance)) : 0;
                var role = t.Direct[k] != 0 ? TruthRole.Direct : Math.Abs(rho) >= 0.1 ? TruthRole.Indirect : (TruthRole?)null;
                if (role is not { } r) continue;
                entries.Add(new TruthEntry(TruthEntityKind.Gene, g.Id, g.Symbol, t.Name, r, r == TruthRole.Direct ? t.Direct[k] : 0, t.Scale, rho, g.Program, g.Loading));
                any = true;
            }
            if (!any) entries.Add(new TruthEntry(TruthEntityKind.Gene, g.Id, g.Symbol, TruthTable.None, TruthRole.Null, 0, "", 0, g.Program, g.Loading));
        }

        // Gene sets (unsigned mean log expression) and signatures (signed mean).
        foreach (var set in sets)
        {
            var members = set.Symbols.Select(s => catalog.BySymbol(s)!).ToArray();
            if (set.Role == GeneSetRole.Null)
            {
                entries.Add(new TruthEntry(TruthEntityKind.Pathway, set.Name, set.Name, TruthTable.None, TruthRole.Null, 0, "", 0, null, 0));
                continue;
            }
            AddSetRows(TruthEntityKind.Pathway, set.Name, members, members.Select(_ => 1).ToArray(), set.Program!.Value, set.Role == GeneSetRole.Partial);
        }
        foreach (var sig in signatures)
            AddSetRows(TruthEntityKind.Signature, sig.Name, sig.Symbols.Select(s => catalog.BySymbol(s)!).ToArray(), sig.Coefficients.ToArray(), sig.Program, false);

        // The clinical table's null label: drawn from its own stream, associated with nothing (last, so no other row moves).
        entries.Add(new TruthEntry(TruthEntityKind.ClinicalLabel, ClinicalTableWriter.NullLabelColumn, ClinicalTableWriter.NullLabelColumn, TruthTable.None, TruthRole.Null, 0, "", 0, null, 0));

        return new TruthTable(entries);

        void AddSetRows(TruthEntityKind kind, string name, Gene[] members, int[] signs, DriverProgram program, bool partial)
        {
            int n = members.Length;
            var w = new double[D]; // Σ_g s_g·l_g·e_latent(g) / n: the set score's loading on x
            double noise = 0;
            for (int i = 0; i < n; i++)
            {
                var g = members[i];
                if (g.LatentIndex >= 0) w[g.LatentIndex] += signs[i] * g.Loading / n;
                noise += NoiseVariance(g) / ((double)n * n);
            }
            double setSd = Math.Sqrt(model.Quadratic(w) + noise);
            int k = (int)program;
            bool any = false;
            foreach (var t in targets)
            {
                double rho = t.Variance > 0 ? LatentModel.Dot(w, t.Covariance) / (setSd * Math.Sqrt(t.Variance)) : 0;
                TruthRole? role = partial ? (Math.Abs(rho) >= 0.05 ? TruthRole.Partial : null)
                    : t.Direct[k] != 0 ? TruthRole.Direct : Math.Abs(rho) >= 0.1 ? TruthRole.Indirect : null;
                if (role is not { } r) continue;
                entries.Add(new TruthEntry(kind, name, name, t.Name, r, r == TruthRole.Direct ? t.Direct[k] : 0, t.Scale, rho, program, 0));
                any = true;
            }
            if (!any) entries.Add(new TruthEntry(kind, name, name, TruthTable.None, partial ? TruthRole.Partial : TruthRole.Null, 0, "", 0, program, 0));
        }
    }
}
