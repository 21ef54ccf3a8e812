namespace Radiogenomics.Synthetic.Tests;

/// <summary>
/// A contact sheet of the slice through each tumour's centre: per patient one row of tiles — pre-contrast, first and last
/// post-contrast, subtraction (first post − pre) and first post-contrast with the mask outline in red. Each tile is windowed
/// to [0, 99.5th percentile of the pre/post slices] (subtraction: [0, its 99.9th percentile]).
/// </summary>
internal static class SliceSheet
{
    public const int Tiles = 5;

    public static byte[] Render(IReadOnlyList<PatientImaging> patients, int tileSize = 256)
    {
        int width = Tiles * tileSize, height = patients.Count * tileSize;
        var rgb = new byte[width * height * 3];
        for (int p = 0; p < patients.Count; p++)
        {
            var im = patients[p];
            int k = im.TumourCentreSlice;
            var pre = im.Phases[0].Image.Slice(k).ToArray();
            var post1 = im.Phases[1].Image.Slice(k).ToArray();
            var postN = im.Phases[^1].Image.Slice(k).ToArray();
            var mask = im.TumourMask.Slice(k).ToArray();
            var sub = new float[pre.Length];
            for (int i = 0; i < sub.Length; i++) sub[i] = Math.Max(0, post1[i] - pre[i]);
            float max = Percentile(pre.Concat(post1).Concat(postN), 0.995);
            float subMax = Percentile(sub, 0.999);
            var g = im.Geometry;
            DrawTile(rgb, width, 0, p * tileSize, tileSize, g.Columns, g.Rows, pre, max, null);
            DrawTile(rgb, width, tileSize, p * tileSize, tileSize, g.Columns, g.Rows, post1, max, null);
            DrawTile(rgb, width, 2 * tileSize, p * tileSize, tileSize, g.Columns, g.Rows, postN, max, null);
            DrawTile(rgb, width, 3 * tileSize, p * tileSize, tileSize, g.Columns, g.Rows, sub, subMax, null);
            DrawTile(rgb, width, 4 * tileSize, p * tileSize, tileSize, g.Columns, g.Rows, post1, max, mask);
        }
        return Plotting.PngFile.EncodeRgb(width, height, rgb);
    }

    private static float Percentile(IEnumerable<float> values, double p)
    {
        var a = values.ToArray();
        Array.Sort(a);
        return Math.Max(1, a[(int)Math.Min(a.Length - 1, p * a.Length)]);
    }

    private static void DrawTile(byte[] rgb, int width, int x0, int y0, int tile, int columns, int rows, float[] img, float max, byte[]? mask)
    {
        for (int y = 0; y < tile; y++)
            for (int x = 0; x < tile; x++)
            {
                int c = x * columns / tile, r = y * rows / tile;
                int src = r * columns + c;
                byte v = (byte)Math.Clamp(img[src] / max * 255, 0, 255);
                int dst = ((y0 + y) * width + x0 + x) * 3;
                bool edge = mask is not null && mask[src] != 0 &&
                    (c == 0 || r == 0 || c == columns - 1 || r == rows - 1 || mask[src - 1] == 0 || mask[src + 1] == 0 || mask[src - columns] == 0 || mask[src + columns] == 0);
                if (edge) { rgb[dst] = 255; rgb[dst + 1] = 40; rgb[dst + 2] = 40; }
                else { rgb[dst] = v; rgb[dst + 1] = v; rgb[dst + 2] = v; }
            }
    }
}
