using System.Text.Json;

namespace Radiogenomics.DataSources;

/// <summary>A hit of the GDC <c>cases</c> endpoint with its clinical records (see <see cref="GdcQuery.ClinicalCases"/>).</summary>
public sealed record GdcCase
{
    public required string CaseId { get; init; }

    /// <summary>The participant barcode, TCGA-XX-XXXX: the key shared with TCIA's PatientID.</summary>
    public string? SubmitterId { get; init; }

    public string? ProjectId { get; init; }
    public GdcDemographic? Demographic { get; init; }
    public IReadOnlyList<GdcDiagnosis> Diagnoses { get; init; } = [];
    public IReadOnlyList<GdcFollowUp> FollowUps { get; init; } = [];

    /// <summary>
    /// Overall survival: event = vital_status "Dead"; time = days_to_death for the dead (demographic, else diagnoses),
    /// else the latest of diagnoses.days_to_last_follow_up and follow_ups.days_to_follow_up. Null when the status or
    /// the needed time is not recorded.
    /// </summary>
    public OverallSurvival? GetOverallSurvival()
    {
        var status = Demographic?.VitalStatus?.Trim();
        if (string.Equals(status, "Dead", StringComparison.OrdinalIgnoreCase))
        {
            if (Demographic?.DaysToDeath is { } d) return new OverallSurvival(true, d, "demographic.days_to_death");
            var fromDiagnosis = Diagnoses.Select(x => x.DaysToDeath).Where(x => x.HasValue).Max();
            return fromDiagnosis is { } dd ? new OverallSurvival(true, dd, "diagnoses.days_to_death") : null;
        }
        if (!string.Equals(status, "Alive", StringComparison.OrdinalIgnoreCase)) return null;
        var lastDiagnosis = Diagnoses.Select(x => x.DaysToLastFollowUp).Where(x => x.HasValue).Max();
        var lastFollowUp = FollowUps.Select(x => x.DaysToFollowUp).Where(x => x.HasValue).Max();
        if (lastDiagnosis is null && lastFollowUp is null) return null;
        return (lastFollowUp ?? double.MinValue) > (lastDiagnosis ?? double.MinValue)
            ? new OverallSurvival(false, lastFollowUp!.Value, "follow_ups.days_to_follow_up")
            : new OverallSurvival(false, lastDiagnosis!.Value, "diagnoses.days_to_last_follow_up");
    }

    /// <summary>ER from follow-up molecular tests (gene ESR1), where GDC has them; TCGA's BCR Biotab files
    /// (<see cref="TcgaClinicalPatientTable"/>) are the fuller source for TCGA-BRCA.</summary>
    public ReceptorStatus EstrogenReceptor => Receptor("ESR1", "estrogen receptor");

    /// <summary>PR from follow-up molecular tests (gene PGR).</summary>
    public ReceptorStatus ProgesteroneReceptor => Receptor("PGR", "progesterone receptor");

    /// <summary>HER2 from follow-up molecular tests (gene ERBB2; IHC or ISH).</summary>
    public ReceptorStatus Her2 => Receptor("ERBB2", "her2");

    private ReceptorStatus Receptor(string gene, string labTest) => ReceptorStatusText.Combine(
        FollowUps.SelectMany(f => f.MolecularTests)
            .Where(t => string.Equals(t.GeneSymbol, gene, StringComparison.OrdinalIgnoreCase)
                        || (t.LaboratoryTest?.Contains(labTest, StringComparison.OrdinalIgnoreCase) ?? false))
            .Select(t => ReceptorStatusText.Parse(t.TestResult))
            .OfType<ReceptorStatus>());

    internal static GdcCase? FromJson(JsonElement e)
    {
        var id = JsonRead.String(e, "case_id", "id");
        if (string.IsNullOrWhiteSpace(id)) return null;
        return new GdcCase
        {
            CaseId = id,
            SubmitterId = JsonRead.String(e, "submitter_id"),
            ProjectId = JsonRead.Object(e, "project") is { } project ? JsonRead.String(project, "project_id") : null,
            Demographic = JsonRead.Object(e, "demographic") is { } demographic ? GdcDemographic.FromJson(demographic) : null,
            Diagnoses = JsonRead.Array(e, "diagnoses").Select(GdcDiagnosis.FromJson).ToArray(),
            FollowUps = JsonRead.Array(e, "follow_ups").Select(GdcFollowUp.FromJson).ToArray(),
        };
    }
}
