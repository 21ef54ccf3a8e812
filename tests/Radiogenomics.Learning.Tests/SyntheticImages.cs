namespace Radiogenomics.Learning.Tests;

/// <summary>Smooth 64×64 test images: a few Gaussian blobs of varied size, position and brightness.</summary>
internal static class SyntheticImages
{
    public const int Side = 64;

    public static float[] Blobs(int count, int seed)
    {
        var random = new Random(seed);
        var images = new float[count * Side * Side];
        for (var n = 0; n < count; n++)
        {
            var image = images.AsSpan(n * Side * Side, Side * Side);
            var blobs = random.Next(1, 4);
            for (var b = 0; b < blobs; b++)
            {
                var centreRow = 8 + (random.NextDouble() * 48);
                var centreColumn = 8 + (random.NextDouble() * 48);
                var sigma = 2.5 + (random.NextDouble() * 9);
                var brightness = 0.4 + (random.NextDouble() * 0.6);
                for (var row = 0; row < Side; row++)
                {
                    for (var column = 0; column < Side; column++)
                    {
                        var d2 = ((row - centreRow) * (row - centreRow)) + ((column - centreColumn) * (column - centreColumn));
                        image[(row * Side) + column] += (float)(brightness * Math.Exp(-d2 / (2 * sigma * sigma)));
                    }
                }
            }

            foreach (ref var value in image)
            {
                value = Math.Min(value, 1f);
            }
        }

        return images;
    }
}
