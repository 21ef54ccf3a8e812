using System.Security.Cryptography;
using System.Text;

namespace Radiogenomics.Synthetic.Tests;

/// <summary>The clinical table's null label: drawn from its own stream, so every other synthetic value stayed as it was.</summary>
public class NullLabelTests
{
    /// <summary>
    /// Hashes of the default cohort's clinical table without the null-label column, its truth rows other than the null
    /// label's, and its per-patient truth — computed by the code before the null label was added (commit bc8aa31). Any change that moves
    /// another draw fails here.
    /// </summary>
    [Fact]
    public void EveryOtherClinicalValueAndTruthRowIsUnchanged()
    {
        var cohort = TestCohorts.Default;
        var dir = Directory.CreateTempSubdirectory("rg-null-label-");
        try
        {
            string clinical = Path.Combine(dir.FullName, "clinical.tsv"), truth = Path.Combine(dir.FullName, "truth.tsv"), patients = Path.Combine(dir.FullName, "patients.tsv");
            ClinicalTableWriter.WriteClinical(clinical, cohort.Patients);
            TruthTableWriter.WriteTruth(truth, cohort.Truth);
            TruthTableWriter.WritePatientTruth(patients, cohort.Patients);

            var lines = File.ReadAllLines(clinical);
            int column = Array.IndexOf(lines[0].Split('\t'), ClinicalTableWriter.NullLabelColumn);
            var sb = new StringBuilder();
            foreach (var line in lines)
                sb.Append(string.Join('\t', line.Split('\t').Where((_, i) => i != column))).Append('\n');
            string clinicalHash = Hash(sb);

            sb.Clear();
            foreach (var line in File.ReadAllLines(truth).Where(l => !l.StartsWith("clinical_label\t", StringComparison.Ordinal))) sb.Append(line).Append('\n');
            Assert.Equal(("AB9799D0794F190A", "9408F8DF520F40DD", "1B673EEEA573A64B"), (clinicalHash, Hash(sb), Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(patients)))[..16]));
        }
        finally { dir.Delete(true); }
    }

    /// <summary>
    /// Over 3,000 patients the null label is a 40 % coin: no NA, and uncorrelated with age, the receptors, T, N, HER2
    /// amplification, every programme activity and tumour property score (|r| &lt; 0.08; the SD of r at this n is 0.018).
    /// </summary>
    [Fact]
    public void TheNullLabelIsACoinIndependentOfEverything()
    {
        const int n = 3000;
        var patients = Enumerable.Range(0, n).Select(i => SyntheticCohort.GeneratePatient(CohortSpec.Default, i)).ToArray();
        Assert.All(patients, p => Assert.Contains(p.NullLabel, new[] { "Positive", "Negative" }));
        var y = patients.Select(p => p.NullLabel == "Positive" ? 1.0 : 0.0).ToArray();
        Assert.InRange(y.Average(), 0.37, 0.43);
        var others = new List<(string Name, double[] Values)>
        {
            ("age", patients.Select(p => (double)p.TrueClinical.AgeYears!.Value).ToArray()),
            ("er", patients.Select(p => p.TrueClinical.ErStatus == "Positive" ? 1.0 : 0).ToArray()),
            ("pr", patients.Select(p => p.TrueClinical.PrStatus == "Positive" ? 1.0 : 0).ToArray()),
            ("her2", patients.Select(p => p.Latents.Her2Amplified ? 1.0 : 0).ToArray()),
            ("t", patients.Select(p => (double)p.TrueClinical.TStage![1]).ToArray()),
            ("n", patients.Select(p => (double)p.TrueClinical.NStage![1]).ToArray()),
            ("diameter", patients.Select(p => p.Tumour.DiameterMm).ToArray()),
        };
        for (int k = 0; k < patients[0].Latents.ProgramActivities.Count; k++)
            others.Add(($"programme {k}", patients.Select(p => p.Latents.ProgramActivities[k]).ToArray()));
        for (int k = 0; k < patients[0].Tumour.Scores.Count; k++)
            others.Add(($"score {k}", patients.Select(p => p.Tumour.Scores[k]).ToArray()));
        foreach (var (name, x) in others)
            Assert.True(Math.Abs(Correlation(x, y)) < 0.08, $"null label vs {name}: r = {Correlation(x, y)}");
    }

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); }
        return sxy / Math.Sqrt(sxx * syy);
    }

    [Fact]
    public void TheTruthTableRecordsTheNullLabelAsNull()
    {
        var row = Assert.Single(TestCohorts.Default.Truth.Entries, e => e.Kind == TruthEntityKind.ClinicalLabel);
        Assert.Equal((ClinicalTableWriter.NullLabelColumn, TruthTable.None, TruthRole.Null, 0.0), (row.EntityId, row.Target, row.Role, row.Effect));
    }

    private static string Hash(StringBuilder sb) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
}
