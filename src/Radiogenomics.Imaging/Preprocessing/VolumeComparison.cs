namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// Voxel-by-voxel comparison of two volumes of the same scan written by different converters (e.g. ours and dcm2niix),
/// which may store the grid in another order (dcm2niix flips the rows) and the values with another slope and intercept:
/// every voxel of <c>volume</c> is mapped through its geometry to patient coordinates (mm) and back through the
/// reference's geometry to a voxel index, and the rescaled values (NiftiReader applies scl_slope/scl_inter) are compared
/// there. Voxels whose centre falls outside the reference grid, or more than <see cref="IndexTolerance"/> of a voxel
/// off a reference centre, count as unmatched.
/// </summary>
public static class VolumeComparison
{
    /// <summary>How far (in voxels) a mapped centre may be from the reference's voxel centre: the NIfTI affines are float32.</summary>
    public const double IndexTolerance = 0.01;

    /// <summary>The result: voxels compared, voxels without a reference voxel, and the largest |difference| of the values.</summary>
    public readonly record struct Result(int Compared, int Unmatched, double MaxAbsDifference, double MaxIndexOffset);

    public static Result Compare(ImageVolume volume, ImageVolume reference)
    {
        var g = volume.Geometry;
        var r = reference.Geometry;
        int compared = 0, unmatched = 0;
        double maxDifference = 0, maxOffset = 0;
        for (int s = 0; s < g.Slices; s++)
            for (int row = 0; row < g.Rows; row++)
                for (int c = 0; c < g.Columns; c++)
                {
                    var (ci, ri, si) = r.PointToIndex(g.IndexToPoint(c, row, s));
                    int cr = (int)Math.Round(ci), rr = (int)Math.Round(ri), sr = (int)Math.Round(si);
                    double offset = Math.Max(Math.Abs(ci - cr), Math.Max(Math.Abs(ri - rr), Math.Abs(si - sr)));
                    if (cr < 0 || rr < 0 || sr < 0 || cr >= r.Columns || rr >= r.Rows || sr >= r.Slices || offset > IndexTolerance)
                    {
                        unmatched++;
                        continue;
                    }
                    compared++;
                    maxOffset = Math.Max(maxOffset, offset);
                    maxDifference = Math.Max(maxDifference, Math.Abs((double)volume[c, row, s] - reference[cr, rr, sr]));
                }
        return new Result(compared, unmatched, maxDifference, maxOffset);
    }
}
