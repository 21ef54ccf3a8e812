namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>One 2-D tensor: Size × Size float pixels, row-major, from slice <see cref="SliceIndex"/> of the volume.</summary>
public sealed record SliceTensor(int SliceIndex, int Size, float[] Pixels)
{
    public float this[int row, int column] => Pixels[row * Size + column];
}
