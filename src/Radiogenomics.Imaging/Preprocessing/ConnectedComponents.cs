namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// 3-D connected components of a mask (voxels &gt; 0) for cleaning segmentations: keep the largest component
/// (the tumour, not stray islands), or remove components smaller than a voxel count.
/// </summary>
public static class ConnectedComponents
{
    public static ComponentLabels Label(ImageVolume mask, Connectivity connectivity = Connectivity.TwentySix)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var g = mask.Geometry;
        int nc = g.Columns, nr = g.Rows, ns = g.Slices;
        var offsets = Offsets(connectivity);
        var labels = new int[mask.Voxels.Length];
        var sizes = new List<int>();
        var stack = new Stack<int>();
        for (var seed = 0; seed < labels.Length; seed++)
        {
            if (labels[seed] != 0 || !(mask.Voxels[seed] > 0))
            {
                continue;
            }
            var label = sizes.Count + 1;
            var size = 0;
            labels[seed] = label;
            stack.Push(seed);
            // Iterative flood fill: a large tumour would overflow a recursive one.
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                size++;
                int i = n % nc, j = n / nc % nr, k = n / (nc * nr);
                foreach (var (di, dj, dk) in offsets)
                {
                    int x = i + di, y = j + dj, z = k + dk;
                    if ((uint)x >= (uint)nc || (uint)y >= (uint)nr || (uint)z >= (uint)ns)
                    {
                        continue;
                    }
                    var m = (z * nr + y) * nc + x;
                    if (labels[m] == 0 && mask.Voxels[m] > 0)
                    {
                        labels[m] = label;
                        stack.Push(m);
                    }
                }
            }
            sizes.Add(size);
        }
        return new ComponentLabels(labels, sizes);
    }

    /// <summary>The largest component only (ties: the first in memory order); an empty mask stays empty.</summary>
    public static ImageVolume KeepLargest(ImageVolume mask, Connectivity connectivity = Connectivity.TwentySix)
    {
        var components = Label(mask, connectivity);
        if (components.Count == 0)
        {
            return mask.WithVoxels(new float[mask.Voxels.Length]);
        }
        var largest = 1;
        for (var l = 2; l <= components.Count; l++)
        {
            if (components.Sizes[l - 1] > components.Sizes[largest - 1])
            {
                largest = l;
            }
        }
        return Keep(mask, components, l => l == largest);
    }

    /// <summary>Removes components of fewer than <paramref name="minimumVoxels"/> voxels; the kept voxels keep their values.</summary>
    public static ImageVolume RemoveSmall(ImageVolume mask, int minimumVoxels, Connectivity connectivity = Connectivity.TwentySix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumVoxels);
        var components = Label(mask, connectivity);
        return Keep(mask, components, l => components.Sizes[l - 1] >= minimumVoxels);
    }

    private static ImageVolume Keep(ImageVolume mask, ComponentLabels components, Func<int, bool> keep)
    {
        var kept = new bool[components.Count + 1];
        for (var l = 1; l <= components.Count; l++)
        {
            kept[l] = keep(l);
        }
        var voxels = new float[mask.Voxels.Length];
        for (var n = 0; n < voxels.Length; n++)
        {
            if (kept[components.Labels[n]])
            {
                voxels[n] = mask.Voxels[n];
            }
        }
        return mask.WithVoxels(voxels);
    }

    private static List<(int, int, int)> Offsets(Connectivity connectivity)
    {
        var offsets = new List<(int, int, int)>();
        for (var dk = -1; dk <= 1; dk++)
        for (var dj = -1; dj <= 1; dj++)
        for (var di = -1; di <= 1; di++)
        {
            var order = Math.Abs(di) + Math.Abs(dj) + Math.Abs(dk);
            if (order == 0 || (connectivity == Connectivity.Six && order > 1))
            {
                continue;
            }
            offsets.Add((di, dj, dk));
        }
        return offsets;
    }
}
