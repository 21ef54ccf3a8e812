using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Tests.Support;

namespace Radiogenomics.Imaging.Tests.Preprocessing;

/// <summary>Writes small synthetic MR series for the preprocessing tests.</summary>
internal static class PreprocessingFixtures
{
    public static MrSeriesWriter Writer => new(SyntheticSeries.Uids, maxDegreeOfParallelism: 2);

    /// <summary>One phase of a series written on its own (no Temporal Position Identifier) into its own folder.</summary>
    public static IReadOnlyList<string> WriteSinglePhase(string directory, MrSeriesInfo info, VolumeGeometry geometry, int phase,
        double? triggerTime, TimeSpan? acquisitionTime) =>
        Writer.Write(directory, info, geometry, [new MrPhase
        {
            Pixels = MrVolumeData.FromInt16(SyntheticSeries.Voxels(phase)),
            TriggerTime = triggerTime,
            AcquisitionTime = acquisitionTime,
        }]);

    public static VolumeGeometry AxialGeometry(int columns, int rows, int slices, double spacing = 2.0) => new()
    {
        Columns = columns,
        Rows = rows,
        Slices = slices,
        Origin = new Vector3D(-50, -40, 20),
        RowSpacing = 1.5, ColumnSpacing = 1.0,
        SliceSpacing = spacing,
    };

    public static VolumeGeometry Grid(int columns, int rows, int slices, double columnSpacing = 1, double rowSpacing = 1, double sliceSpacing = 1) => new()
    {
        Columns = columns,
        Rows = rows,
        Slices = slices,
        ColumnSpacing = columnSpacing,
        RowSpacing = rowSpacing,
        SliceSpacing = sliceSpacing,
    };

    /// <summary>A mask with a solid ball of <paramref name="radiusMm"/> around the point at voxel index <paramref name="centre"/>.</summary>
    public static ImageVolume Ball(VolumeGeometry grid, (double C, double R, double S) centre, double radiusMm)
    {
        var mask = ImageVolume.Zeros(grid, "ball");
        var centrePoint = grid.IndexToPoint(centre.C, centre.R, centre.S);
        for (var k = 0; k < grid.Slices; k++)
        for (var j = 0; j < grid.Rows; j++)
        for (var i = 0; i < grid.Columns; i++)
        {
            if ((grid.IndexToPoint(i, j, k) - centrePoint).Length <= radiusMm)
            {
                mask[i, j, k] = 1;
            }
        }
        return mask;
    }
}
