namespace Radiogenomics.Synthetic.Tests;

/// <summary>Statistical sanity of the planted truth, on a 400-patient omics-only cohort (no images: ~1 s) for power.</summary>
public class OmicsStatisticsTests
{
    private static readonly Lazy<SyntheticCohort> Large = new(() => SyntheticCohort.Generate(CohortSpec.Default with { PatientCount = 400 }));

    private static double[] Scores(SyntheticCohort c, TumourProperty p) => c.Patients.Select(x => x.Tumour.Score(p)).ToArray();

    [Fact]
    public void CountsFollowTheNegativeBinomialModel()
    {
        // Standardised squared residuals (c − μ)² / (μ + φμ²) average 1 when the variance model holds.
        var cohort = TestCohorts.Default;
        var ratios = new List<double>();
        foreach (var g in cohort.Genes.Genes.Where(g => !g.IsDriver && g.BaselineCpm > 20).Take(400))
        {
            double sum = 0;
            for (int s = 0; s < cohort.Patients.Count; s++)
            {
                double mu = cohort.Patients[s].LibrarySize * g.BaselineCpm / 1e6;
                double r = cohort.Counts[g.Index, s] - mu;
                sum += r * r / (mu + g.Dispersion * mu * mu);
            }
            ratios.Add(sum / cohort.Patients.Count);
        }
        Assert.InRange(ratios.Average(), 0.9, 1.1);
        // Library sizes land near their targets.
        for (int s = 0; s < cohort.Patients.Count; s++)
            Assert.InRange(cohort.Counts.LibrarySize(s) / cohort.Patients[s].LibrarySize, 0.85, 1.2);
    }

    [Fact]
    public void ParYRowsAreZeroAndDriversCarryRealSymbols()
    {
        var cohort = TestCohorts.Small;
        var par = cohort.Genes.Genes.Where(g => g.IsParY).ToArray();
        Assert.Equal(2, par.Length);
        foreach (var g in par)
        {
            Assert.EndsWith("_PAR_Y", g.Id);
            Assert.Equal(g.Id[..^6], cohort.Genes[g.Index - 1].Id); // follows its X copy
            for (int s = 0; s < cohort.Counts.SampleCount; s++) Assert.Equal(0, cohort.Counts[g.Index, s]);
        }
        Assert.Equal(20000 + 1039, cohort.Genes.Count); // the seed's genes, then the genefu signature genes they lack
        Assert.Equal(cohort.Genes.Count, cohort.Genes.Genes.Select(g => g.Id).Distinct().Count());
        Assert.All(cohort.Genes.Genes, g => Assert.Matches(@"^ENSG\d{11}\.\d+(_PAR_Y)?$", g.Id));
        foreach (var symbol in new[] { "ESR1", "ERBB2", "MKI67", "VEGFA", "CA9", "COL1A1", "CD8A", "CCND1" })
            Assert.True(cohort.Genes.BySymbol(symbol)!.IsDriver, symbol);
        Assert.False(cohort.Genes.BySymbol("GAPDH")!.IsDriver);
    }

    [Theory]
    [InlineData(TumourProperty.Size)]
    [InlineData(TumourProperty.Enhancement)]
    [InlineData(TumourProperty.Washout)]
    [InlineData(TumourProperty.Heterogeneity)]
    [InlineData(TumourProperty.MarginIrregularity)]
    public void DriverGenesCorrelateWithTheirPropertyAsPlanted(TumourProperty property)
    {
        var cohort = Large.Value;
        var score = Scores(cohort, property);
        string target = TruthTable.TargetName(property);
        var direct = cohort.Truth.DirectDrivers(target, TruthEntityKind.Gene).ToArray();
        Assert.NotEmpty(direct);
        int agree = 0;
        foreach (var row in direct)
        {
            var gene = cohort.Genes.ById(row.EntityId)!;
            double r = Stats.Pearson(Stats.LogCpm(cohort, gene.Index), score);
            Assert.True(Math.Sign(r) == Math.Sign(row.ExpectedCorrelation) || Math.Abs(row.ExpectedCorrelation) < 0.1,
                $"{gene.Symbol}: r = {r:0.00}, expected {row.ExpectedCorrelation:0.00}");
            if (Math.Abs(r - row.ExpectedCorrelation) < 0.15) agree++;
        }
        Assert.True(agree >= 0.9 * direct.Length, $"{agree}/{direct.Length} driver genes within 0.15 of their expected correlation");

        // The driver pathway's mean expression is a strong, clearly non-zero correlate.
        foreach (var row in cohort.Truth.DirectDrivers(target, TruthEntityKind.Pathway))
        {
            var set = cohort.GeneSets.Single(s => s.Name == row.EntityId);
            var genes = set.Symbols.Select(s => cohort.Genes.BySymbol(s)!.Index).ToArray();
            var logCpm = genes.Select(g => Stats.LogCpm(cohort, g)).ToArray();
            var mean = Enumerable.Range(0, cohort.Patients.Count).Select(i => logCpm.Average(x => x[i])).ToArray();
            double r = Stats.Pearson(mean, score);
            Assert.True(Math.Abs(r) > 0.25 && Math.Sign(r) == Math.Sign(row.ExpectedCorrelation), $"{set.Name}: r = {r:0.00}, expected {row.ExpectedCorrelation:0.00}");
        }
    }

    [Fact]
    public void NullGenesAreUncorrelatedWithEveryProperty()
    {
        var cohort = Large.Value;
        var nullGenes = cohort.Genes.Genes.Where(g => !g.IsDriver && !g.IsParY && g.BaselineCpm > 5).Take(300).ToArray();
        foreach (var property in Enum.GetValues<TumourProperty>())
        {
            var score = Scores(cohort, property);
            var rs = nullGenes.Select(g => Math.Abs(Stats.Pearson(Stats.LogCpm(cohort, g.Index), score))).ToArray();
            // Under the null, |r| has mean √(2/π)/√n ≈ 0.04 at n = 400; 0.2 is ~4 standard errors.
            Assert.InRange(rs.Average(), 0, 0.06);
            Assert.True(rs.Count(r => r > 0.2) <= 1, $"{property}: {rs.Count(r => r > 0.2)} null genes with |r| > 0.2");
        }
        Assert.All(cohort.Truth.Entries.Where(e => e.Role == TruthRole.Null), e => Assert.Equal(0, e.Effect));
    }

    [Fact]
    public void ClinicalMarginalsMatchTheSpec()
    {
        var cohort = Large.Value;
        var truth = cohort.Patients.Select(p => p.TrueClinical).ToArray();
        Assert.InRange(truth.Count(c => c.ErStatus == "Positive") / 400.0, 0.70, 0.84);
        Assert.InRange(truth.Count(c => c.PrStatus == "Positive") / 400.0, 0.58, 0.74);
        Assert.InRange(truth.Count(c => c.Her2Status == "Positive") / 400.0, 0.10, 0.21);
        Assert.InRange(truth.Count(c => c.NStage == "N0") / 400.0, 0.40, 0.56);
        // PR-positive tumours are nearly all ER-positive, as in real cohorts.
        Assert.True(truth.Count(c => c.PrStatus == "Positive" && c.ErStatus == "Negative") < 0.05 * 400);
        // Observed table: about 5 % NA per field, and T stage follows the planted diameter.
        double na = cohort.Patients.Count(p => p.Clinical.ErStatus is null) / 400.0;
        Assert.InRange(na, 0.02, 0.09);
        Assert.All(cohort.Patients.Where(p => p.TrueClinical.TStage != "T4"), p =>
            Assert.Equal(p.Tumour.DiameterMm <= 20 ? "T1" : p.Tumour.DiameterMm <= 50 ? "T2" : "T3", p.TrueClinical.TStage));
    }

    [Fact]
    public void ReceptorStatusFollowsTheLuminalAndAmpliconGenes()
    {
        var cohort = Large.Value;
        var esr1 = Stats.LogCpm(cohort, cohort.Genes.BySymbol("ESR1")!.Index);
        var erbb2 = Stats.LogCpm(cohort, cohort.Genes.BySymbol("ERBB2")!.Index);
        double Mean(double[] x, Func<PatientRecord, bool> f) => Enumerable.Range(0, x.Length).Where(i => f(cohort.Patients[i])).Average(i => x[i]);
        Assert.True(Mean(esr1, p => p.TrueClinical.ErStatus == "Positive") - Mean(esr1, p => p.TrueClinical.ErStatus == "Negative") > 1.5);
        Assert.True(Mean(erbb2, p => p.Latents.Her2Amplified) - Mean(erbb2, p => !p.Latents.Her2Amplified) > 2.5);
    }

    [Fact]
    public void SurvivalFollowsThePlantedCoxModel()
    {
        var cohort = Large.Value;
        var survival = cohort.Patients.Select(p => p.Survival).ToArray();
        double eventRate = survival.Count(s => s.Event) / 400.0;
        Assert.InRange(eventRate, 0.06, 0.30); // TCGA-BRCA: ~14 % deaths
        Assert.InRange(Stats.Concordance(survival.Select(s => s.LinearPredictor).ToArray(), survival), 0.62, 0.9);
        var proliferation = cohort.Patients.Select(p => p.Latents.Activity(DriverProgram.Proliferation)).ToArray();
        Assert.InRange(Stats.Concordance(proliferation, survival), 0.56, 0.85);
        var nullGene = cohort.Genes.Genes.First(g => !g.IsDriver && g.BaselineCpm > 20);
        Assert.InRange(Stats.Concordance(Stats.LogCpm(cohort, nullGene.Index), survival), 0.4, 0.6);
        Assert.All(survival, s => Assert.True(s.TimeDays >= 1 && s.TimeDays <= cohort.Spec.MaxFollowUpDays + 1));
    }

    [Fact]
    public void NullEffectSizesRemoveEveryAssociation()
    {
        var cohort = SyntheticCohort.Generate(CohortSpec.Default with { PatientCount = 300, GeneCount = 3000, Effects = EffectSizes.None });
        var score = Scores(cohort, TumourProperty.Size);
        var prolif = cohort.Patients.Select(p => p.Latents.Activity(DriverProgram.Proliferation)).ToArray();
        Assert.InRange(Stats.Pearson(score, prolif), -0.15, 0.15);
        Assert.DoesNotContain(cohort.Truth.Entries, e => e.Role == TruthRole.Direct && e.Target == "size" && e.Kind == TruthEntityKind.Gene);
    }
}
