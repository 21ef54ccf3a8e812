namespace Radiogenomics.Statistics;

/// <summary>
/// Fisher's exact test of independence for an r × c table of counts, two-sided, as R's <c>fisher.test(x)$p.value</c>:
/// the sum of the (multivariate hypergeometric) probabilities of all tables with the observed margins that are no
/// more probable than the observed one. "No more probable" allows R's slack so that tables tied with the observed
/// one in exact arithmetic count despite rounding: a relative 1e-7 for 2 × 2 tables (R's <c>relErr</c>) and
/// 3.45254e-7 on the log scale for larger ones (the <c>TOL</c> of FEXACT, R's network algorithm).
/// </summary>
/// <remarks>
/// Larger tables are enumerated column by column over the remaining row sums (a network in the sense of Mehta and
/// Patel): every node knows exactly the largest and smallest log-probability its completions can add (computed once
/// per node, memoised), so whole subtrees that all count, or that all do not, are summed in closed form without being
/// enumerated; paths that reach a node with the same past weight are merged. The bounds are the simple ones from
/// relaxing one set of margins (FEXACT's sharper shortest/longest-path bounds are not implemented), so this is quick
/// for 2 × c tables and small r × c ones (to 4 × 3 with 150 patients, the 4 × 4 "job satisfaction" table in seconds)
/// but not for larger, balanced tables such as 3 × 4 with 200 patients: beyond <see cref="MaxSteps"/> steps or
/// <see cref="MaxNodes"/> nodes in a stage it stops with an error instead of running for minutes. Rows and columns
/// with a zero margin are dropped first; a table left with fewer than two rows or columns has p = 1.
/// </remarks>
public static class FisherExactTest
{
    /// <summary>Network nodes (distinct remaining-row-sum states) in one stage beyond which the test gives up.</summary>
    public const int MaxNodes = 5_000_000;

    /// <summary>Extensions of an open past by one column (the work of the network) beyond which the test gives up.</summary>
    public const long MaxSteps = 50_000_000;

    const double TwoByTwoRelativeSlack = 1e-7;
    const double NetworkLogSlack = 3.45254e-7;

    /// <summary>Past log-weights closer than this are merged (exact ties differ only by rounding, ~1e-13).</summary>
    const double PastGrid = 1e-11;

    /// <summary>Two-sided p-value of Fisher's exact test for <paramref name="counts"/> (rows × columns).</summary>
    public static double PValue(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int rows = counts.GetLength(0), cols = counts.GetLength(1);
        if (rows < 2 || cols < 2) throw new ArgumentException($"Fisher's exact test needs at least 2 rows and 2 columns; the table is {rows} × {cols}.", nameof(counts));
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                if (counts[i, j] < 0) throw new ArgumentException($"Count [{i}, {j}] is {counts[i, j]}; counts must be non-negative.", nameof(counts));

        var table = DropEmptyMargins(counts);
        int r = table.GetLength(0), c = table.GetLength(1);
        if (r < 2 || c < 2) return 1.0;

        // The state vector holds the remaining row sums, so let rows be the shorter side.
        if (r > c) table = Transpose(table);
        return new Network(table, r == 2 && c == 2).PValue();
    }

    static int[,] DropEmptyMargins(int[,] counts)
    {
        int rows = counts.GetLength(0), cols = counts.GetLength(1);
        var keepRows = Enumerable.Range(0, rows).Where(i => Enumerable.Range(0, cols).Any(j => counts[i, j] > 0)).ToArray();
        var keepCols = Enumerable.Range(0, cols).Where(j => Enumerable.Range(0, rows).Any(i => counts[i, j] > 0)).ToArray();
        var table = new int[keepRows.Length, keepCols.Length];
        for (int i = 0; i < keepRows.Length; i++)
            for (int j = 0; j < keepCols.Length; j++) table[i, j] = counts[keepRows[i], keepCols[j]];
        return table;
    }

    static int[,] Transpose(int[,] table)
    {
        int r = table.GetLength(0), c = table.GetLength(1);
        var t = new int[c, r];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) t[j, i] = table[i, j];
        return t;
    }

    /// <summary>
    /// Column-by-column network. A path through columns j..c−1 from remaining row sums s has log-weight
    /// −Σ log x_ij!; the table's log-probability is that sum plus a constant of the margins.
    /// </summary>
    sealed class Network
    {
        readonly int rowCount, colCount, total;
        readonly int[] rowSums, colSums;
        readonly double[] logFactorial;
        readonly double constant, threshold;

        public Network(int[,] table, bool twoByTwo)
        {
            rowCount = table.GetLength(0);
            colCount = table.GetLength(1);
            var rowSums = new int[rowCount];
            colSums = new int[colCount];
            for (int i = 0; i < rowCount; i++)
                for (int j = 0; j < colCount; j++) { rowSums[i] += table[i, j]; colSums[j] += table[i, j]; }
            total = rowSums.Sum();
            // Larger columns first: the branching happens early, where the bounds cut most.
            var order = Enumerable.Range(0, colCount).OrderByDescending(j => colSums[j]).ToArray();
            colSums = order.Select(j => colSums[j]).ToArray();

            logFactorial = new double[total + 1];
            for (int k = 2; k <= total; k++) logFactorial[k] = logFactorial[k - 1] + Math.Log(k);
            constant = rowSums.Sum(s => logFactorial[s]) + colSums.Sum(s => logFactorial[s]) - logFactorial[total];

            double observed = 0;
            for (int i = 0; i < rowCount; i++)
                for (int j = 0; j < colCount; j++) observed -= logFactorial[table[i, j]];
            threshold = twoByTwo ? observed + Math.Log(1 + TwoByTwoRelativeSlack) : observed + NetworkLogSlack;
            this.rowSums = rowSums;
        }

        public double PValue()
        {
            var start = (int[])rowSums.Clone();
            Array.Sort(start);
            // Stage by stage, every node keeps its distinct past log-weights (rounded to PastGrid) with the number
            // of paths that reach it so; a past whose completions all count, or all do not, is settled at once.
            var level = new Dictionary<long, (int[] State, Dictionary<long, (double Past, double Paths)> Pasts)>
            {
                [Encode(start)] = (start, new() { [0] = (0.0, 1.0) }),
            };
            double p = 0;
            long steps = 0;
            for (int column = 0; column < colCount && level.Count > 0; column++)
            {
                var next = new Dictionary<long, (int[] State, Dictionary<long, (double Past, double Paths)> Pasts)>();
                foreach (var (state, pasts) in level.Values)
                {
                    var (max, min) = Bounds(column, state);
                    double logTotal = LogTotal(column, state);
                    var open = new List<(double Past, double Paths)>();
                    foreach (var (past, paths) in pasts.Values)
                    {
                        if (past + max <= threshold) p += paths * Math.Exp(past + logTotal + constant);
                        else if (past + min > threshold) continue;
                        else open.Add((past, paths));
                    }
                    if (open.Count == 0) continue;
                    ForEachColumn(column, state, (_, weight, after) =>
                    {
                        long code = Encode(after);
                        if (!next.TryGetValue(code, out var node))
                        {
                            if (next.Count >= MaxNodes)
                                throw new InvalidOperationException($"Fisher's exact test: the table (n = {total}, {rowCount} × {colCount}) needs more than {MaxNodes:N0} network nodes in one stage; merge sparse levels or use a chi-squared test.");
                            next[code] = node = (after, new());
                        }
                        steps += open.Count;
                        if (steps > MaxSteps)
                            throw new InvalidOperationException($"Fisher's exact test: the table (n = {total}, {rowCount} × {colCount}) needs more than {MaxSteps:N0} network steps; merge sparse levels or use a chi-squared test.");
                        foreach (var (past, paths) in open)
                        {
                            double w = past + weight;
                            long key = (long)Math.Round(w / PastGrid);
                            node.Pasts[key] = node.Pasts.TryGetValue(key, out var known) ? (known.Past, known.Paths + paths) : (w, paths);
                        }
                    });
                }
                level = next;
            }
            return Math.Clamp(p, 0.0, 1.0);
        }

        /// <summary>log Σ over completions of Π 1/x!, i.e. N!/(Π s_i! Π c_j!) for the remaining margins.</summary>
        double LogTotal(int column, int[] state)
        {
            int n = 0;
            double log = 0;
            foreach (var s in state) { n += s; log -= logFactorial[s]; }
            for (int j = column; j < colCount; j++) log -= logFactorial[colSums[j]];
            return log + logFactorial[n];
        }

        /// <summary>
        /// Valid bounds on the log-weight −Σ log x! that the completions from (column, state) can add, from relaxing
        /// one set of margins: the largest spreads every remaining row (or column) sum evenly, the smallest puts it in
        /// one cell. The last column is forced, so there the bounds are exact.
        /// </summary>
        (double Max, double Min) Bounds(int column, int[] state)
        {
            int columnsLeft = colCount - column;
            double rowsEven = 0, rowsPiled = 0, colsEven = 0, colsPiled = 0;
            foreach (var s in state) { rowsEven -= EvenSplit(s, columnsLeft); rowsPiled -= logFactorial[s]; }
            if (columnsLeft == 1) return (rowsPiled, rowsPiled);
            for (int j = column; j < colCount; j++) { colsEven -= EvenSplit(colSums[j], rowCount); colsPiled -= logFactorial[colSums[j]]; }
            return (Math.Min(rowsEven, colsEven), Math.Max(rowsPiled, colsPiled));
        }

        /// <summary>Σ log x_k! when <paramref name="sum"/> is split as evenly as possible into <paramref name="parts"/>.</summary>
        double EvenSplit(int sum, int parts)
        {
            int q = sum / parts, rem = sum % parts;
            return rem * logFactorial[Math.Min(q + 1, total)] + (parts - rem) * logFactorial[q];
        }

        long Encode(int[] sortedState)
        {
            long code = 0;
            foreach (var s in sortedState) code = code * (total + 1) + s;
            return code;
        }

        /// <summary>
        /// Calls <paramref name="visit"/> for every way to fill column <paramref name="column"/> from the remaining
        /// row sums, with the column's log-weight −Σ log x_i! and the next (sorted) state.
        /// </summary>
        void ForEachColumn(int column, int[] state, Action<int[], double, int[]> visit)
        {
            int need = colSums[column];
            var x = new int[rowCount];
            var suffix = new int[rowCount + 1];
            for (int i = rowCount - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + state[i];
            Fill(0, need, 0.0);

            void Fill(int row, int left, double weight)
            {
                if (row == rowCount - 1)
                {
                    if (left > state[row]) return;
                    x[row] = left;
                    var next = new int[rowCount];
                    for (int i = 0; i < rowCount; i++) next[i] = state[i] - x[i];
                    Array.Sort(next);
                    visit(x, weight - logFactorial[left], next);
                    return;
                }
                int low = Math.Max(0, left - suffix[row + 1]), high = Math.Min(left, state[row]);
                for (int v = low; v <= high; v++)
                {
                    x[row] = v;
                    Fill(row + 1, left - v, weight - logFactorial[v]);
                }
            }
        }
    }
}
