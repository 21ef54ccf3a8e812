namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// A texture matrix: counts by grey level (rows, level 1 first) and a second index (co-occurring level, run
/// length, zone size, distance or dependence; column 0 stands for 1), with the number of ROI voxels it was
/// counted over (N_v, summed when matrices are merged).
/// </summary>
internal sealed class TextureMatrix(int rows, int columns)
{
    public int Rows { get; } = rows;

    public int Columns { get; } = columns;

    public double[] Counts { get; } = new double[rows * columns];

    public double VoxelCount { get; set; }

    public double this[int row, int column]
    {
        get => Counts[row * Columns + column];
        set => Counts[row * Columns + column] = value;
    }

    public double Total => Counts.Sum();

    public static TextureMatrix Merge(IEnumerable<TextureMatrix> matrices)
    {
        TextureMatrix? sum = null;
        foreach (var m in matrices)
        {
            sum ??= new TextureMatrix(m.Rows, m.Columns);
            for (int k = 0; k < m.Counts.Length; k++) sum.Counts[k] += m.Counts[k];
            sum.VoxelCount += m.VoxelCount;
        }
        return sum ?? throw new ArgumentException("nothing to merge");
    }
}
