namespace Radiogenomics.Statistics.Coexpression;

/// <summary>
/// <c>cutreeDynamic(tree, method = "tree")</c> of dynamicTreeCut 1.63 (<c>cutreeDynamicTree</c>): a static cut at
/// cutHeight (default 0.99 × the highest merge) keeps branches of at least minModuleSize; each is then split where the
/// merge heights along the leaf order cross the branch's mean height from below (runs shorter than minModuleSize/3 + 1
/// ignored, small lower-lying pieces attached to their left neighbour, a too small last piece merged), falling back to
/// the (mean + max)/2 and (mean + min)/2 references when nothing splits; with deepSplit the pieces are split again until
/// their number stops changing. Modules are numbered by size (1 the largest), 0 the unassigned genes.
/// </summary>
public static class DynamicTreeCut
{
    public static int[] Tree(LinkageTree tree, int minModuleSize, bool deepSplit, double? cutHeight = null)
    {
        if (minModuleSize < 1) throw new ArgumentException("minModuleSize must be at least 1");
        int n = tree.Count;
        double maxHeight = tree.Height.Max();
        double cut = cutHeight is { } h && h <= maxHeight ? h : 0.99 * maxHeight;
        var staticLabels = StaticCut(tree, cut, minModuleSize);
        // Each leaf's merge height and static label, in the dendrogram's leaf order.
        var leafHeight = new double[n];
        for (int s = 0; s < n - 1; s++)
            for (int c = 0; c < 2; c++)
                if (tree.Merge[s, c] < 0) leafHeight[-tree.Merge[s, c] - 1] = tree.Height[s];
        var heights = tree.Order.Select(i => leafHeight[i]).ToArray();
        var orderedLabels = tree.Order.Select(i => staticLabels[i]).ToArray();
        var clusters = LocateClusters(orderedLabels);
        var assign = new int[n];
        if (clusters.Count == 0) return assign;
        List<(int Start, int End)> pieces;
        while (true)
        {
            pieces = [];
            foreach (var (start, end) in clusters)
                foreach (var (s, e) in SplitBranch(heights[start..(end + 1)], minModuleSize, 2 * minModuleSize, 0))
                    pieces.Add((s + start, e + start));
            if (!deepSplit || pieces.Count == clusters.Count) break;
            clusters = pieces;
        }
        int module = 1;
        foreach (var (s, e) in pieces)
        {
            if (e - s + 1 < minModuleSize) continue;
            for (int i = s; i <= e; i++) assign[i] = module;
            module++;
        }
        var renumbered = BySize(assign, minModuleSize, unassigned: 0);
        var labels = new int[n];
        for (int p = 0; p < n; p++) labels[tree.Order[p]] = renumbered[p];
        return labels;
    }

    /// <summary>cutree at a height, branches of at least minSize numbered by size (ties: cutree's numbering), the rest −1.</summary>
    private static int[] StaticCut(LinkageTree tree, double height, int minSize)
    {
        int n = tree.Count;
        int steps = tree.Height.TakeWhile(h => h <= height).Count();
        // cutree: clusters after the first `steps` merges, numbered by their first object.
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        var representative = new int[n - 1];
        for (int s = 0; s < steps; s++)
        {
            int a = Member(tree.Merge[s, 0]), b = Member(tree.Merge[s, 1]);
            parent[Find(a)] = Find(b);
            representative[s] = a;
        }
        var number = new Dictionary<int, int>();
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int root = Find(i);
            if (!number.TryGetValue(root, out var c)) number[root] = c = number.Count + 1;
            labels[i] = c;
        }
        return BySize(labels, minSize, unassigned: -1);

        int Member(int node) => node < 0 ? -node - 1 : representative[node - 1];
    }

    /// <summary>Labels renumbered 1.. by decreasing size (stable: ties keep the smaller label first); those below minSize (or ≤ 0) unassigned.</summary>
    private static int[] BySize(int[] labels, int minSize, int unassigned)
    {
        var counts = labels.Where(l => l > 0).GroupBy(l => l).Select(g => (Label: g.Key, Count: g.Count()))
            .OrderBy(g => g.Label).OrderByDescending(g => g.Count).ToList();
        var map = new Dictionary<int, int>();
        for (int i = 0; i < counts.Count && counts[i].Count >= minSize; i++) map[counts[i].Label] = i + 1;
        return labels.Select(l => map.TryGetValue(l, out var m) ? m : unassigned).ToArray();
    }

    /// <summary>dynamicTreeCut's .locateCluster: runs of positive labels as (start, end), 0-based, with its treatment of the last object.</summary>
    private static List<(int Start, int End)> LocateClusters(int[] labels)
    {
        int n = labels.Length;
        var flags = new List<int>();
        for (int i = 0; i < n; i++)
        {
            bool flag = i == 0 ? labels[0] > 0 : labels[i] != labels[i - 1];
            if (i == n - 1 && labels[i] > 0) flag = true;
            if (i == 0 && n == 1) flag = labels[0] > 0;
            if (flag) flags.Add(i);
        }
        var result = new List<(int, int)>();
        for (int i = 0; i < flags.Count - 1; i++)
        {
            int idx = flags[i];
            if (labels[idx] <= 0) continue;
            if (flags[i + 1] == n - 1) { result.Add((idx, n - 1)); break; }
            result.Add((idx, flags[i + 1] - 1));
        }
        return result;
    }

    /// <summary>dynamicTreeCut's .processIndividualCluster on one branch's merge heights; pieces as (start, end), 0-based.</summary>
    private static List<(int Start, int End)> SplitBranch(double[] h, int minModuleSize, int minAttachSize, int useMean)
    {
        int n = h.Length;
        if (n < 2) return [(0, n - 1)];
        int minTailRun = minModuleSize / 3 + 1;
        double max = h.Max(), min = h.Min(), mean = h.Average();
        double reference = useMean switch { 1 => (mean + max) / 2, -1 => (mean + min) / 2, _ => mean };
        var diff = h.Select(v => v - reference).ToArray();
        // A cut after position i where the height crosses the reference from below (the next one above it).
        var cuts = new bool[n];
        for (int i = 0; i < n; i++)
        {
            double next = i + 1 < n ? diff[i + 1] : diff[n - 1];
            cuts[i] = diff[i] < 0 && next > 0;
        }
        cuts[0] = cuts[n - 1] = true;
        if (cuts.Count(c => c) == 2) return useMean switch { 0 => SplitBranch(h, minModuleSize, minAttachSize, 1), 1 => SplitBranch(h, minModuleSize, minAttachSize, -1), _ => [(0, n - 1)] };

        var index = Enumerable.Range(0, n).Where(i => cuts[i]).ToArray();
        var kept = (bool[])cuts.Clone();
        for (int i = 1; i < index.Length - 1; i++)
        {
            // Length of the run of heights ≤ reference that ends the piece (index[i−1], index[i]].
            int run = 0;
            bool found = false;
            for (int j = index[i]; j > index[i - 1]; j--)
            {
                if (diff[j] > 0) { found = true; break; }
                run++;
            }
            if (!found) run = 0;
            if (run < minTailRun) kept[index[i]] = false;
        }
        if (kept.Count(c => c) > 3)
        {
            int cur = 1;
            while (true)
            {
                var idx = Enumerable.Range(0, n).Where(i => kept[i]).ToArray();
                int clusters = idx.Length - 1;
                if (cur + 1 > clusters) break;
                int preStart = idx[cur - 1] + 1, preEnd = idx[cur];
                int curStart = idx[cur] + 1, curEnd = idx[cur + 1];
                double preHeight = Mean(h, preStart, preEnd), curHeight = Mean(h, curStart, curEnd);
                if (curHeight < preHeight && curEnd - curStart + 1 < minAttachSize) kept[idx[cur]] = false;
                else cur++;
            }
        }
        var final = Enumerable.Range(0, n).Where(i => kept[i]).ToArray();
        if (final.Length > 2 && final[^1] - final[^2] + 1 < minModuleSize) kept[final[^2]] = false;
        final = Enumerable.Range(0, n).Where(i => kept[i]).ToArray();
        final[0] -= 1;
        List<(int, int)> pieces = final.Length > 2
            ? Enumerable.Range(0, final.Length - 1).Select(i => (final[i] + 1, final[i + 1])).ToList()
            : [(0, n - 1)];
        if (pieces.Count == 1 && useMean != -1) return SplitBranch(h, minModuleSize, minAttachSize, useMean == 0 ? 1 : -1);
        return pieces;
    }

    /// <summary>Mean of h over 1-based R positions a..b mapped to 0-based (a − 1)..(b − 1)... here already 0-based inclusive.</summary>
    private static double Mean(double[] h, int start, int end)
    {
        double s = 0;
        for (int i = start; i <= end; i++) s += h[i];
        return s / (end - start + 1);
    }
}
