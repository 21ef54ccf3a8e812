namespace Radiogenomics.Synthetic;

/// <summary>The planted truth as TSV: the driver/target table, and per-patient latent values with the tumour parameters and acquisition.</summary>
public static class TruthTableWriter
{
    public const string TruthHeader = "entity_kind\tentity_id\tentity_name\ttarget\trole\teffect\teffect_scale\texpected_correlation\tprogram\tloading";

    public static void WriteTruth(string path, TruthTable truth)
    {
        using var writer = TsvFile.Create(path);
        writer.WriteLine(TruthHeader);
        foreach (var e in truth.Entries)
            writer.WriteLine(string.Join('\t', Snake(e.Kind.ToString()), e.EntityId, e.EntityName, e.Target, Snake(e.Role.ToString()),
                TsvFile.Format(e.Effect, "0.####"), e.EffectScale, TsvFile.Format(e.ExpectedCorrelation, "0.####"),
                e.Program?.ToString() ?? "", TsvFile.Format(e.Loading, "0.####")));
    }

    /// <summary>One row per patient: identifiers, acquisition, latent programme activities, property scores, tumour parameters, true clinical values.</summary>
    public static void WritePatientTruth(string path, IEnumerable<PatientRecord> patients)
    {
        using var writer = TsvFile.Create(path);
        var programs = Enum.GetValues<DriverProgram>();
        var properties = Enum.GetValues<TumourProperty>();
        var header = new List<string>
        {
            "patient_id", "sample_id", "manufacturer", "model", "field_strength", "series_layout", "laterality", "post_contrast_phases",
            "temporal_resolution_s", "slices", "pixel_spacing_mm", "slice_thickness_mm", "library_size", "breast_density", "her2_amplified",
        };
        header.AddRange(programs.Select(p => "program_" + Snake(p.ToString())));
        header.AddRange(LatentModel.SingleGeneSymbols.Select(s => "driver_" + s));
        header.AddRange(properties.Select(p => "score_" + TruthTable.TargetName(p)));
        header.AddRange([
            "diameter_mm", "peak_enhancement", "wash_in_per_s", "wash_out_per_s", "heterogeneity", "rim", "necrosis_fraction",
            "lobulation", "spicules", "spicule_length_mm", "curve_type",
            "age", "t_stage", "n_stage", "er_status", "pr_status", "her2_status", "linear_predictor", "event_time_days", "censoring_time_days",
        ]);
        writer.WriteLine(string.Join('\t', header));
        foreach (var p in patients)
        {
            var t = p.Tumour;
            var c = p.TrueClinical;
            var row = new List<string>
            {
                p.PatientId, p.SampleId, p.Scanner.Manufacturer, p.Scanner.ModelName, TsvFile.Format(p.Scanner.MagneticFieldStrength), p.Layout.ToString(),
                p.Laterality.ToString(), p.PostContrastPhases.ToString(), TsvFile.Format(p.TemporalResolutionSeconds), p.Slices.ToString(),
                TsvFile.Format(p.PixelSpacingMm), TsvFile.Format(p.SliceThicknessMm), TsvFile.Format(p.LibrarySize, "0"), p.Density.ToString(),
                p.Latents.Her2Amplified ? "1" : "0",
            };
            row.AddRange(p.Latents.ProgramActivities.Select(v => TsvFile.Format(v, "0.#####")));
            row.AddRange(p.Latents.SingleGeneDrivers.Select(v => TsvFile.Format(v, "0.#####")));
            row.AddRange(t.Scores.Select(v => TsvFile.Format(v, "0.#####")));
            row.AddRange([
                TsvFile.Format(t.DiameterMm, "0.###"), TsvFile.Format(t.PeakEnhancement, "0.####"), TsvFile.Format(t.WashInRatePerSecond, "0.#####"),
                TsvFile.Format(t.WashOutRatePerSecond, "0.#######"), TsvFile.Format(t.HeterogeneityAmplitude, "0.####"), TsvFile.Format(t.RimEnhancement, "0.####"),
                TsvFile.Format(t.NecrosisFraction, "0.####"), TsvFile.Format(t.LobulationAmplitude, "0.####"), t.SpiculeCount.ToString(),
                TsvFile.Format(t.SpiculeLengthMm, "0.###"), t.CurveType.ToString(),
                TsvFile.Format(c.AgeYears), c.TStage!, c.NStage!, c.ErStatus!, c.PrStatus!, c.Her2Status!,
                TsvFile.Format(p.Survival.LinearPredictor, "0.#####"), TsvFile.Format(p.Survival.EventTimeDays, "0.#"), TsvFile.Format(p.Survival.CensoringTimeDays, "0.#"),
            ]);
            writer.WriteLine(string.Join('\t', row));
        }
    }

    private static string Snake(string pascal)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
