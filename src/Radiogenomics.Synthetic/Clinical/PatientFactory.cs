namespace Radiogenomics.Synthetic;

/// <summary>Draws one <see cref="PatientRecord"/> from the patient's own streams: a pure function of (spec without PatientCount, index).</summary>
internal static class PatientFactory
{
    // Tissue source sites of TCGA-BRCA's MRI subjects, weighted by their number of MRI studies.
    private static readonly string[] Sites = ["BH", "E2", "OL", "AR", "AO", "EW"];
    private static readonly double[] SiteWeights = [46, 37, 19, 16, 13, 13];
    private const string Base36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>Share of patients whose null label is positive.</summary>
    public const double NullLabelPositiveFraction = 0.4;

    public static PatientRecord Create(CohortSpec spec, LatentModel model, int index)
    {
        ulong p = StreamPurpose.Patient(index);

        // ---- Identity --------------------------------------------------------------------------
        var id = Xoshiro256StarStar.ForStream(spec.Seed, p, StreamPurpose.Identity);
        string site = Sites[id.NextWeighted(SiteWeights)];
        string patientId = $"TCGA-{site}-{ParticipantCode(spec.Seed, index)}";
        char vial = id.NextBool(0.95) ? 'A' : 'B';
        string sampleId = $"{patientId}-01{vial}";
        int portion = 11 + id.NextInt(3);
        string plate = "A" + Base36[id.NextInt(2)] + Base36[id.NextInt(36)] + Base36[id.NextInt(36)];
        string aliquotId = $"{sampleId}-{portion}R-{plate}-07";
        string caseUuid = id.NextUuid();
        string fileUuid = id.NextUuid();
        double librarySize = spec.MedianLibrarySize * Math.Exp(spec.LibrarySizeLogSd * id.NextGaussian());

        // ---- Acquisition -------------------------------------------------------------------------
        var acq = Xoshiro256StarStar.ForStream(spec.Seed, p, StreamPurpose.Acquisition);
        var scanner = spec.Scanners[acq.NextWeighted(spec.Scanners.Select(s => s.Proportion).ToArray())];
        var layout = acq.NextBool(spec.SingleSeriesFraction) ? SeriesLayout.DynamicInOneSeries : SeriesLayout.OneSeriesPerPhase;
        var laterality = acq.NextBool(0.5) ? Laterality.Left : Laterality.Right;
        int postPhases = acq.NextInt(spec.MinPostContrastPhases, spec.MaxPostContrastPhases);
        double temporal = Math.Round(acq.NextDouble(spec.MinTemporalResolutionSeconds, spec.MaxTemporalResolutionSeconds));
        int slices = acq.NextInt(spec.MinSlices, spec.MaxSlices);
        int fovSteps = (int)Math.Floor((spec.MaxFieldOfViewMm - spec.MinFieldOfViewMm) / 10);
        double fov = spec.MinFieldOfViewMm + 10 * acq.NextInt(fovSteps + 1);
        double pixel = fov / spec.Columns;
        int thicknessSteps = (int)Math.Round((spec.MaxSliceThicknessMm - spec.MinSliceThicknessMm) / 0.1);
        double thickness = Math.Round(spec.MinSliceThicknessMm + 0.1 * acq.NextInt(thicknessSteps + 1), 1);

        // ---- Biology -----------------------------------------------------------------------------
        var bio = Xoshiro256StarStar.ForStream(spec.Seed, p, StreamPurpose.Biology);
        var (x, amplified) = model.Sample(bio);
        var scores = new double[5];
        for (int k = 0; k < 5; k++)
            scores[k] = LatentModel.Dot(model.PropertyCoefficients[k], x) + model.PropertyResidualSd[k] * bio.NextGaussian();
        double erNoise = bio.NextGaussian(), prNoise = bio.NextGaussian(), nodeNoise = bio.NextGaussian();
        double age = Math.Round(Math.Clamp(bio.NextGaussian(LatentModel.MeanAge, LatentModel.AgeSd), 26, 90));
        double densityLiability = -0.5 * (age - LatentModel.MeanAge) / LatentModel.AgeSd + Math.Sqrt(0.75) * bio.NextGaussian();
        bool t4 = bio.NextBool(0.03); // skin / chest-wall involvement, independent of size
        bool her2Equivocal = bio.NextBool(0.05);

        double lum = x[(int)DriverProgram.Luminal];
        bool er = model.ErSlope * lum + erNoise > model.ErThreshold;
        bool pr = model.PrSlope * lum + 0.6 * erNoise + 0.8 * prNoise > model.PrThreshold;
        double nodeLiability = LatentModel.Dot(model.NodeCoefficients, x) + model.NodeSizeCoefficient * scores[(int)TumourProperty.Size] + nodeNoise;
        int nStage = nodeLiability < model.NodeCutpoints[0] ? 0 : nodeLiability < model.NodeCutpoints[1] ? 1 : nodeLiability < model.NodeCutpoints[2] ? 2 : 3;

        var postTimes = Enumerable.Range(1, postPhases).Select(k => k * temporal).ToArray();
        var tumour = TumourPhenotype.FromScores(scores, postTimes);
        string tStage = t4 ? "T4" : tumour.DiameterMm <= 20 ? "T1" : tumour.DiameterMm <= 50 ? "T2" : "T3";
        var density = densityLiability < -1.2816 ? BreastDensity.A : densityLiability < 0 ? BreastDensity.B : densityLiability < 1.2816 ? BreastDensity.C : BreastDensity.D;

        var truth = new ClinicalRecord((int)age, tStage, $"N{nStage}", er ? "Positive" : "Negative", pr ? "Positive" : "Negative", amplified ? "Positive" : "Negative");

        // ---- Clinical as published (NA, equivocal HER2) ----------------------------------------------
        var obs = Xoshiro256StarStar.ForStream(spec.Seed, p, StreamPurpose.ClinicalObservation);
        string? Na(string? v) => obs.NextBool(spec.ClinicalMissingFraction) ? null : v;
        var observed = new ClinicalRecord(
            truth.AgeYears,
            Na(truth.TStage), Na(truth.NStage), Na(truth.ErStatus), Na(truth.PrStatus),
            Na(her2Equivocal ? "Equivocal" : truth.Her2Status));

        // ---- Survival: Weibull proportional hazards, uniform administrative censoring --------------------
        var surv = Xoshiro256StarStar.ForStream(spec.Seed, p, StreamPurpose.Survival);
        double eta = LatentModel.Dot(model.HazardCoefficients, x) + model.AgeLogHazardPerDecade * (age - LatentModel.MeanAge) / 10;
        double eventTime = Math.Pow(-Math.Log(surv.NextOpenDouble()) / (model.WeibullRate * Math.Exp(eta)), 1 / model.WeibullShape);
        double censorTime = surv.NextDouble(30, spec.MaxFollowUpDays);
        bool died = eventTime <= censorTime;
        int time = Math.Max(1, (int)Math.Ceiling(Math.Min(eventTime, censorTime)));

        // ---- Null label: its own stream, so it depends on nothing and moves no other draw ------------------
        var nullLabel = Xoshiro256StarStar.ForStream(spec.Seed, p, StreamPurpose.NullLabel).NextBool(NullLabelPositiveFraction) ? "Positive" : "Negative";

        return new PatientRecord
        {
            Index = index,
            PatientId = patientId,
            SampleId = sampleId,
            AliquotId = aliquotId,
            CaseUuid = caseUuid,
            CountsFileUuid = fileUuid,
            Scanner = scanner,
            Layout = layout,
            Laterality = laterality,
            PostContrastPhases = postPhases,
            TemporalResolutionSeconds = temporal,
            Slices = slices,
            PixelSpacingMm = pixel,
            SliceThicknessMm = thickness,
            LibrarySize = librarySize,
            Density = density,
            Latents = new PatientLatents(x[..LatentModel.ProgramCount], x[LatentModel.ProgramCount..], amplified),
            Tumour = tumour,
            TrueClinical = truth,
            Clinical = observed,
            Survival = new SurvivalRecord(time, died, eta, eventTime, censorTime),
            NullLabel = nullLabel,
        };
    }

    /// <summary>"A" + three base-36 digits from a bijection of the index (7919 is coprime to 36³), so codes are unique for 46,656 patients without depending on cohort size.</summary>
    internal static string ParticipantCode(ulong seed, int index)
    {
        const int space = 36 * 36 * 36;
        int offset = (int)(Xoshiro256StarStar.Mix64(seed) % space);
        int n = (int)(((long)index * 7919 + offset) % space);
        return "A" + Base36[n / 1296] + Base36[n / 36 % 36] + Base36[n % 36];
    }
}
