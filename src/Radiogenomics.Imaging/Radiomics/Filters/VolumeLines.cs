namespace Radiogenomics.Imaging.Radiomics.Filters;

/// <summary>Runs a 1-D operation on every line of a column-fastest volume along one axis (0 = columns, 1 = rows, 2 = slices).</summary>
internal static class VolumeLines
{
    public delegate void LineOperation(ReadOnlySpan<double> input, Span<double> output);

    public static double[] Apply(double[] volume, int columns, int rows, int slices, int axis, LineOperation operation)
    {
        int length = axis switch { 0 => columns, 1 => rows, 2 => slices, _ => throw new ArgumentOutOfRangeException(nameof(axis)) };
        int stride = axis switch { 0 => 1, 1 => columns, _ => columns * rows };
        var result = new double[volume.Length];
        var input = new double[length];
        var output = new double[length];
        int outer1 = axis == 0 ? rows : columns, outer2 = axis == 2 ? rows : slices;
        for (int b = 0; b < outer2; b++)
        for (int a = 0; a < outer1; a++)
        {
            int start = axis switch { 0 => (b * rows + a) * columns, 1 => b * rows * columns + a, _ => b * columns + a };
            for (int i = 0; i < length; i++) input[i] = volume[start + i * stride];
            operation(input, output);
            for (int i = 0; i < length; i++) result[start + i * stride] = output[i];
        }
        return result;
    }
}
