using System.Globalization;
using Radiogenomics.Imaging.Dicom;

namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// Stacks the files of one series (one phase of it) into an <see cref="ImageVolume"/>: pixels decoded through
/// GDCM with Rescale Slope/Intercept applied, slices sorted along the slice normal by Image Position (Patient),
/// and the stack checked to be a regular grid (same matrix, pixel spacing and orientation, uniform slice gap,
/// no duplicate positions) so that the geometry kept with the volume is true for every voxel.
/// </summary>
public static class VolumeAssembler
{
    /// <summary>Largest difference between direction-cosine components still taken as the same orientation.</summary>
    public const double OrientationTolerance = 1e-4;

    /// <summary>Largest relative difference between slice gaps still taken as uniform.</summary>
    public const double SpacingRelativeTolerance = 1e-3;

    /// <summary>Assembles the given files; <paramref name="seriesName"/> names the series in errors (default: the series UID).</summary>
    public static ImageVolume Assemble(IEnumerable<string> files, string? seriesName = null) =>
        Assemble(files.Select(DicomFile.ReadHeader).ToList(), seriesName);

    /// <summary>Assembles one phase found by <see cref="PhaseSplitter"/>.</summary>
    public static ImageVolume Assemble(DicomPhase phase, string? seriesName = null)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var name = seriesName ?? SeriesName(phase.Files);
        return Assemble(phase.Files, $"{name} phase {phase.Index}");
    }

    public static ImageVolume Assemble(IReadOnlyList<DicomHeader> files, string? seriesName = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        // Headers rebuilt from an index lack the geometry: read it now, for the chosen files only.
        if (files.Any(f => f.FromIndex)) files = files.Select(f => f.FromIndex ? DicomFile.ReadHeader(f.FilePath) : f).ToList();
        var name = seriesName ?? SeriesName(files);
        if (files.Count == 0)
        {
            throw new VolumeAssemblyException(name, "no files to assemble; check the series selection.");
        }
        var first = files[0];
        foreach (var f in files)
        {
            if (f.ImagePositionPatient is null || f.ImageOrientationPatient is null || f.PixelSpacing is null)
            {
                throw new VolumeAssemblyException(name,
                    $"{f.FilePath} lacks Image Position/Orientation (Patient) or Pixel Spacing, so its place in the volume is unknown; " +
                    "leave the series out or re-export it with geometry.");
            }
            if (f.NumberOfFrames != 1)
            {
                throw new VolumeAssemblyException(name,
                    $"{f.FilePath} has {f.NumberOfFrames} frames; only single-frame (one file per slice) series are assembled. Convert enhanced multi-frame MR first (e.g. dcm2niix or emf2sf).");
            }
            if (f.Rows != first.Rows || f.Columns != first.Columns)
            {
                throw new VolumeAssemblyException(name,
                    $"{f.FilePath} is {f.Rows}×{f.Columns} (rows×columns) but {first.FilePath} is {first.Rows}×{first.Columns}; a series mixing matrices is not one volume (split it first).");
            }
            var o = f.ImageOrientationPatient.Value;
            var o0 = first.ImageOrientationPatient!.Value;
            var deviation = MaxComponentDifference(o, o0);
            if (deviation > OrientationTolerance)
            {
                throw new VolumeAssemblyException(name,
                    $"{f.FilePath} has orientation {o} but {first.FilePath} has {o0} (components differ by up to {deviation:0.######}, tolerance {OrientationTolerance}); " +
                    "the series mixes stacks (e.g. a localiser or another plane) and must be split first.");
            }
            var s = f.PixelSpacing.Value;
            var s0 = first.PixelSpacing!.Value;
            if (RelativeDifference(s.Row, s0.Row) > SpacingRelativeTolerance || RelativeDifference(s.Column, s0.Column) > SpacingRelativeTolerance)
            {
                throw new VolumeAssemblyException(name, $"{f.FilePath} has Pixel Spacing {s} but {first.FilePath} has {s0}; the slices are not one grid.");
            }
        }

        var orientation = first.ImageOrientationPatient!.Value;
        var rowDirection = orientation.Row.Normalized();
        var columnDirection = orientation.Column.Normalized();
        var normal = orientation.Normal;
        var sorted = files.OrderBy(f => Vector3D.Dot(f.ImagePositionPatient!.Value, normal)).ThenBy(f => f.FilePath, StringComparer.Ordinal).ToList();
        var positions = sorted.Select(f => Vector3D.Dot(f.ImagePositionPatient!.Value, normal)).ToArray();
        var spacing = CheckSliceGaps(name, sorted, positions);
        var origin = sorted[0].ImagePositionPatient!.Value;
        for (var k = 1; k < sorted.Count; k++)
        {
            // Every slice must sit on the line origin + t·normal, or the stack is sheared (gantry tilt) or mixed.
            var offset = sorted[k].ImagePositionPatient!.Value - origin;
            var inPlane = Math.Sqrt(Math.Pow(Vector3D.Dot(offset, rowDirection), 2) + Math.Pow(Vector3D.Dot(offset, columnDirection), 2));
            if (inPlane > Math.Max(0.01, 1e-3 * spacing * k))
            {
                throw new VolumeAssemblyException(name,
                    $"slice {k} ({sorted[k].FilePath}) is shifted {inPlane:0.###} mm in-plane from the stack through {sorted[0].FilePath}; " +
                    "a sheared (gantry-tilted) or mixed stack cannot be kept as one grid. Resample it with a tool that handles shear, or split the series.");
            }
        }

        GdcmRuntime.EnsureLoaded();
        var sliceSize = first.Rows * first.Columns;
        var voxels = new float[sliceSize * sorted.Count];
        try
        {
            Parallel.For(0, sorted.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(4, Environment.ProcessorCount) }, ReadSlice);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Surface the first failure itself (it names the file), not the wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        void ReadSlice(int k)
        {
            var pixels = DicomFile.ReadPixels(sorted[k].FilePath);
            if (pixels.RescaledValues.Length < sliceSize)
            {
                throw new VolumeAssemblyException(name, $"{sorted[k].FilePath} decoded to {pixels.RescaledValues.Length} values, {sliceSize} expected.");
            }
            pixels.RescaledValues.AsSpan(0, sliceSize).CopyTo(voxels.AsSpan(k * sliceSize, sliceSize));
        }

        var pixelSpacing = first.PixelSpacing!.Value;
        var geometry = new VolumeGeometry
        {
            Columns = first.Columns,
            Rows = first.Rows,
            Slices = sorted.Count,
            Origin = origin,
            RowDirection = rowDirection,
            ColumnDirection = columnDirection,
            SliceDirection = normal,
            ColumnSpacing = pixelSpacing.Column,
            RowSpacing = pixelSpacing.Row,
            // A single slice has no gap: Slice Thickness stands in so the grid stays usable.
            SliceSpacing = sorted.Count > 1 ? spacing : first.SliceThickness is > 0 ? first.SliceThickness.Value : 1,
        };
        return new ImageVolume(geometry, voxels, name);
    }

    private static double CheckSliceGaps(string name, List<DicomHeader> sorted, double[] positions)
    {
        if (sorted.Count < 2)
        {
            return 0;
        }
        var gaps = new double[positions.Length - 1];
        for (var k = 0; k < gaps.Length; k++)
        {
            gaps[k] = positions[k + 1] - positions[k];
            if (gaps[k] < PhaseSplitter.PositionTolerance)
            {
                throw new VolumeAssemblyException(name,
                    $"{sorted[k].FilePath} and {sorted[k + 1].FilePath} lie at the same position ({F(positions[k])} mm along the normal); " +
                    "the files hold several phases or duplicates: split them with PhaseSplitter first, or remove the copy.");
            }
        }
        // The median, so one odd gap cannot set the scale; with two gaps the smaller (a missing slice widens one).
        var reference = gaps.Length < 3 ? gaps.Min() : gaps.Order().ElementAt(gaps.Length / 2);
        for (var k = 0; k < gaps.Length; k++)
        {
            if (RelativeDifference(gaps[k], reference) > SpacingRelativeTolerance)
            {
                var missing = gaps[k] / reference - 1;
                var hint = Math.Abs(missing - Math.Round(missing)) < 0.05 && Math.Round(missing) >= 1
                    ? $" — about {Math.Round(missing):0} slice(s) missing there; re-download the series"
                    : "; the stack is irregular";
                throw new VolumeAssemblyException(name,
                    $"slice spacing is not uniform: slices {k} and {k + 1} ({Path.GetFileName(sorted[k].FilePath)}, {Path.GetFileName(sorted[k + 1].FilePath)}) " +
                    $"are {F(gaps[k])} mm apart but the typical gap is {F(reference)} mm (relative tolerance {SpacingRelativeTolerance}){hint}.");
            }
        }
        return gaps.Average();
    }

    private static string SeriesName(IReadOnlyList<DicomHeader> files)
    {
        if (files.Count == 0)
        {
            return "series (no files)";
        }
        var f = files[0];
        var description = f.SeriesDescription.Length > 0 ? $" '{f.SeriesDescription}'" : "";
        return $"series {f.SeriesInstanceUid}{description} of patient {f.PatientId}";
    }

    private static double MaxComponentDifference(ImageOrientation a, ImageOrientation b) => new[]
    {
        a.Row.X - b.Row.X, a.Row.Y - b.Row.Y, a.Row.Z - b.Row.Z, a.Column.X - b.Column.X, a.Column.Y - b.Column.Y, a.Column.Z - b.Column.Z,
    }.Max(Math.Abs);

    private static double RelativeDifference(double a, double b) => Math.Abs(a - b) / Math.Max(Math.Abs(b), 1e-12);

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
