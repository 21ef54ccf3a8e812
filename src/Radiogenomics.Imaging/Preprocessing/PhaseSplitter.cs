using Radiogenomics.Imaging.Dicom;

namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// Splits the files of one series into temporal phases, ordered in time. Most TCGA-BRCA exams keep the whole
/// dynamic in one series, so positions repeat once per phase. Tried in order: Temporal Position Identifier,
/// Trigger Time, Acquisition Time (sorted and cut into as many equal groups as positions repeat), and finally
/// the n-th occurrence of each position (Instance Number order) as phase n.
/// </summary>
public static class PhaseSplitter
{
    /// <summary>Positions along the normal closer than this (mm) are one slice position.</summary>
    public const double PositionTolerance = 0.01;

    public static IReadOnlyList<DicomPhase> Split(IEnumerable<string> files) => Split(files.Select(DicomFile.ReadHeader).ToList());

    public static IReadOnlyList<DicomPhase> Split(IReadOnlyList<DicomHeader> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return [];
        }
        var positionKeys = files.Select(PositionKey).ToArray();
        var distinctPositions = positionKeys.Distinct().Count();
        var phaseCount = files.Count / Math.Max(1, distinctPositions);
        var repeats = distinctPositions < files.Count;

        // A series can carry a single TPI / trigger time on every file: only a split into >1 groups counts.
        if (files.All(f => f.TemporalPositionIdentifier is not null) && files.Select(f => f.TemporalPositionIdentifier).Distinct().Count() > 1)
        {
            return Build(files.GroupBy(f => f.TemporalPositionIdentifier!.Value).OrderBy(g => g.Key).Select(g => g.ToList()),
                PhaseCriterion.TemporalPositionIdentifier);
        }
        if (!repeats)
        {
            return Build([files.ToList()], PhaseCriterion.SinglePhase);
        }
        if (files.All(f => f.TriggerTime is not null) && files.Select(f => f.TriggerTime).Distinct().Count() > 1)
        {
            // Trigger times are per phase in 3-D DCE; 2-D multi-slice ones vary per slice too, so check the split.
            var groups = files.GroupBy(f => f.TriggerTime!.Value).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
            if (groups.Count == phaseCount && groups.All(g => HasDistinctPositions(g)))
            {
                return Build(groups, PhaseCriterion.TriggerTime);
            }
        }
        if (files.All(f => f.AcquisitionTime is not null) && files.Count % distinctPositions == 0)
        {
            // Acquisition times within a phase may differ per slice: sort by time and cut into equal groups,
            // accepted only if every group holds each position exactly once.
            var sorted = files.Select((f, i) => (File: f, Key: positionKeys[i]))
                .OrderBy(x => x.File.AcquisitionTime!.Value).ThenBy(x => x.File.InstanceNumber ?? int.MaxValue).ThenBy(x => x.File.FilePath, StringComparer.Ordinal)
                .ToList();
            var groups = sorted.Chunk(distinctPositions).ToList();
            if (groups.All(g => g.Select(x => x.Key).Distinct().Count() == distinctPositions))
            {
                return Build(groups.Select(g => g.Select(x => x.File).ToList()), PhaseCriterion.AcquisitionTime);
            }
        }
        var byOccurrence = new List<List<DicomHeader>>();
        var seen = new Dictionary<long, int>();
        foreach (var (file, key) in files.Zip(positionKeys)
                     .OrderBy(x => x.First.InstanceNumber ?? int.MaxValue).ThenBy(x => x.First.FilePath, StringComparer.Ordinal))
        {
            var occurrence = seen.TryGetValue(key, out var n) ? n : 0;
            seen[key] = occurrence + 1;
            if (occurrence == byOccurrence.Count)
            {
                byOccurrence.Add([]);
            }
            byOccurrence[occurrence].Add(file);
        }
        return Build(byOccurrence, PhaseCriterion.RepeatedPosition);
    }

    private static bool HasDistinctPositions(List<DicomHeader> files) => files.Select(PositionKey).Distinct().Count() == files.Count;

    /// <summary>Position along the normal rounded to the tolerance; files without geometry get a key of their own.</summary>
    private static long PositionKey(DicomHeader header) =>
        header.SlicePositionAlongNormal is { } position
            ? (long)Math.Round(position / PositionTolerance)
            : long.MinValue + (header.InstanceNumber ?? 0);

    private static List<DicomPhase> Build(IEnumerable<List<DicomHeader>> groups, PhaseCriterion criterion) =>
        groups.Select((g, i) => new DicomPhase
        {
            Index = i,
            Criterion = criterion,
            Files = g,
            TemporalPositionIdentifier = g.Select(f => f.TemporalPositionIdentifier).Distinct().Count() == 1 ? g[0].TemporalPositionIdentifier : null,
            TriggerTime = g.Min(f => f.TriggerTime),
            AcquisitionTime = g.Min(f => f.AcquisitionTime),
        }).ToList();
}
