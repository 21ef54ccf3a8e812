namespace Radiogenomics.Statistics.Tests;

public class LinearMixedModelScanTests
{
    [Fact]
    public void BothPassesGiveTheSameFitsAsOneFitPerColumn()
    {
        var rng = new Random(5);
        int patients = 9, perPatient = 4, images = patients * perPatient, columns = 7, k = 3;
        var patientOfImage = Enumerable.Range(0, images).Select(i => i % patients).ToArray();
        var covariates = Enumerable.Range(0, k * patients).Select(_ => Simulated.Normal(rng)).ToArray();
        covariates[4] = double.NaN; // a missing genomic value (omitted from its fits)
        var data = Enumerable.Range(0, columns).Select(j => Enumerable.Range(0, images)
            .Select(i => 0.8 * covariates[(j % k) * patients + i % patients] * (j % 2) + Simulated.Normal(rng)).ToArray()).ToArray();

        var scan = new LinearMixedModelScan(data, patientOfImage, patients, covariates, k, MissingCovariatePolicy.Omit);
        Assert.Equal(columns * k, scan.PairCount);
        var p = scan.PValues();
        var block = new RandomInterceptFit[3 * k];
        for (int start = 0; start < columns; start += 3)
        {
            int count = Math.Min(3, columns - start);
            scan.FitBlock(start, count, block);
            for (int b = 0; b < count; b++)
            {
                var summary = new PatientSummary(patients);
                summary.Load(data[start + b], patientOfImage);
                var single = new RandomInterceptFit[k];
                LinearMixedModel.FitMany(summary, covariates, single, MissingCovariatePolicy.Omit);
                for (int g = 0; g < k; g++)
                {
                    Assert.Equal(single[g].SlopeP, block[b * k + g].SlopeP);
                    Assert.Equal(single[g].SlopeP, p[(start + b) * k + g]);
                }
            }
        }
    }
}
