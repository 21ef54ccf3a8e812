using System.Globalization;
using Radiogenomics.Imaging.Dicom;

namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// Chooses one DCE phase per patient from an indexed folder tree by a <see cref="SeriesSelectionRule"/>; every
/// patient not chosen gets an exclusion with a reason ("no DCE series", "wrong scanner: SIEMENS 3 T",
/// "only the pre-contrast phase" ...), so the cohort table accounts for everyone.
/// </summary>
public static class SeriesSelector
{
    /// <param name="index">From <see cref="DicomSeriesIndex.Build"/>.</param>
    /// <param name="expectedPatients">Patients that must appear (e.g. the clinical table); those with no files are excluded as such.</param>
    public static SeriesSelectionResult Select(DicomIndex index, SeriesSelectionRule? rule = null, IEnumerable<string>? expectedPatients = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        rule ??= new SeriesSelectionRule();
        Validate(rule);
        var headers = index.Instances.GroupBy(h => h.FilePath, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byPatient = index.Series.GroupBy(s => s.PatientId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var patients = byPatient.Keys.Concat(expectedPatients ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

        var selected = new List<SeriesSelection>();
        var exclusions = new List<SeriesExclusion>();
        foreach (var patient in patients)
        {
            var outcome = SelectPatient(patient, byPatient.GetValueOrDefault(patient) ?? [], headers, rule);
            if (outcome.Selection is { } s)
            {
                selected.Add(s);
            }
            else
            {
                exclusions.Add(new SeriesExclusion(patient, outcome.Reason!));
            }
        }
        return new SeriesSelectionResult(selected, exclusions);
    }

    private static (SeriesSelection? Selection, string? Reason) SelectPatient(string patient, List<DicomSeriesRecord> series,
        Dictionary<string, DicomHeader> headers, SeriesSelectionRule rule)
    {
        if (series.Count == 0)
        {
            return (null, "no files");
        }
        var images = series.Where(s => s.IsImageSeries && (s.Modality is "MR" or "")).ToList();
        if (images.Count == 0)
        {
            return (null, "no MR image series");
        }
        var dce = SeriesSelectionRule.Compile(rule.DceDescriptionPattern);
        var derived = rule.ExcludedDescriptionPattern is { } ex ? SeriesSelectionRule.Compile(ex) : null;
        var candidates = images.Where(s => dce.IsMatch(s.SeriesDescription) && !(derived?.IsMatch(s.SeriesDescription) ?? false))
            .OrderBy(s => s.SeriesNumber ?? int.MaxValue).ThenBy(s => s.SeriesInstanceUid, StringComparer.Ordinal).ToList();
        if (candidates.Count == 0)
        {
            return (null, $"no DCE series (series: {string.Join(", ", images.Select(s => $"'{s.SeriesDescription}'"))})");
        }
        var admitted = candidates.Where(s => ScannerMatches(s, rule)).ToList();
        if (admitted.Count == 0)
        {
            var s = candidates[0];
            var field = s.MagneticFieldStrengthTesla is { } t ? $" {t.ToString("0.##", CultureInfo.InvariantCulture)} T" : " (field strength unknown)";
            return (null, $"wrong scanner: {(s.Manufacturer.Length > 0 ? s.Manufacturer : "(manufacturer unknown)")}{field}");
        }

        var phases = admitted.Select(s => (Series: s, Phases: PhaseSplitter.Split(s.FilePaths.Select(p => headers.TryGetValue(p, out var h) ? h : DicomFile.ReadHeader(p)).ToList())))
            .ToList();
        SeriesSelection Pick(DicomSeriesRecord s, IReadOnlyList<DicomPhase> all, DicomPhase p) =>
            new() { PatientId = patient, Series = s, Phase = p, PhaseCount = all.Count };

        switch (rule.Choice)
        {
            case PhaseChoice.TemporalPositionIdentifier:
            {
                var wanted = rule.TemporalPositionIdentifier!.Value;
                foreach (var (s, all) in phases)
                {
                    if (all.FirstOrDefault(p => p.TemporalPositionIdentifier == wanted) is { } hit)
                    {
                        return (Pick(s, all, hit), null);
                    }
                }
                var found = phases.SelectMany(x => x.Phases).Select(p => p.TemporalPositionIdentifier).OfType<int>().Distinct().Order().ToList();
                return (null, found.Count == 0
                    ? $"no phase with Temporal Position Identifier {wanted} (the DCE series carry none)"
                    : $"no phase with Temporal Position Identifier {wanted} (found: {string.Join(", ", found)})");
            }
            case PhaseChoice.SeriesDescription:
            {
                var pattern = SeriesSelectionRule.Compile(rule.PhaseDescriptionPattern!);
                if (phases.FirstOrDefault(x => pattern.IsMatch(x.Series.SeriesDescription)) is not { Series: not null } match)
                {
                    return (null, $"no DCE series description matches '{rule.PhaseDescriptionPattern}' (series: {string.Join(", ", admitted.Select(s => $"'{s.SeriesDescription}'"))})");
                }
                if (match.Phases.Count == 1)
                {
                    return (Pick(match.Series, match.Phases, match.Phases[0]), null);
                }
                return match.Phases.Count > rule.PhaseIndex
                    ? (Pick(match.Series, match.Phases, match.Phases[rule.PhaseIndex]), null)
                    : (null, $"phase index {rule.PhaseIndex} requested but '{match.Series.SeriesDescription}' has {match.Phases.Count} phases");
            }
            case PhaseChoice.PhaseIndex when phases.Any(x => x.Phases.Count > 1):
            {
                // The whole dynamic in one series (most TCGA-BRCA exams): take the one with the most phases.
                var (s, all) = phases.Where(x => x.Phases.Count > 1).OrderByDescending(x => x.Phases.Count).First();
                return all.Count > rule.PhaseIndex
                    ? (Pick(s, all, all[rule.PhaseIndex]), null)
                    : (null, $"phase index {rule.PhaseIndex} requested but the DCE series '{s.SeriesDescription}' has {all.Count} phases");
            }
            default:
            {
                // One series per phase (or a single phase): order every phase by acquisition time.
                var pool = phases.SelectMany(x => x.Phases.Select(p => (x.Series, x.Phases, Phase: p)))
                    .OrderBy(x => x.Phase.AcquisitionTime ?? TimeSpan.MaxValue)
                    .ThenBy(x => x.Phase.TriggerTime ?? double.MaxValue)
                    .ThenBy(x => x.Series.SeriesNumber ?? int.MaxValue)
                    .ThenBy(x => x.Phase.Index)
                    .ToList();
                if (pool.Count > rule.PhaseIndex)
                {
                    var x = pool[rule.PhaseIndex];
                    return (Pick(x.Series, x.Phases, x.Phase), null);
                }
                return (null, pool.Count == 1
                    ? $"only the pre-contrast phase (one DCE phase found: '{pool[0].Series.SeriesDescription}'; phase index {rule.PhaseIndex} requested)"
                    : $"only {pool.Count} DCE phases found; phase index {rule.PhaseIndex} requested");
            }
        }
    }

    private static bool ScannerMatches(DicomSeriesRecord s, SeriesSelectionRule rule)
    {
        if (rule.ManufacturerPattern is { } m && !SeriesSelectionRule.Compile(m).IsMatch(s.Manufacturer))
        {
            return false;
        }
        return rule.FieldStrengthTesla is not { } wanted
            || (s.MagneticFieldStrengthTesla is { } t && Math.Abs(t - wanted) <= rule.FieldStrengthToleranceTesla);
    }

    private static void Validate(SeriesSelectionRule rule)
    {
        if (rule.PhaseIndex < 0)
        {
            throw new ArgumentException($"SeriesSelectionRule.PhaseIndex ({rule.PhaseIndex}) must be ≥ 0 (0 = pre-contrast, 1 = first post-contrast).");
        }
        if (rule.Choice == PhaseChoice.TemporalPositionIdentifier && rule.TemporalPositionIdentifier is null)
        {
            throw new ArgumentException("SeriesSelectionRule.Choice is TemporalPositionIdentifier but no TemporalPositionIdentifier is set.");
        }
        if (rule.Choice == PhaseChoice.SeriesDescription && string.IsNullOrEmpty(rule.PhaseDescriptionPattern))
        {
            throw new ArgumentException("SeriesSelectionRule.Choice is SeriesDescription but no PhaseDescriptionPattern is set.");
        }
        foreach (var pattern in new[] { rule.DceDescriptionPattern, rule.ExcludedDescriptionPattern, rule.ManufacturerPattern, rule.PhaseDescriptionPattern })
        {
            if (pattern is null) continue;
            try
            {
                SeriesSelectionRule.Compile(pattern);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"SeriesSelectionRule: '{pattern}' is not a valid regular expression: {e.Message}", e);
            }
        }
    }
}
