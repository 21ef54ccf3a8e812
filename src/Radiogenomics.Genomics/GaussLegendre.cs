namespace Radiogenomics.Genomics;

/// <summary>
/// Gauss–Legendre quadrature on [0, 1] with weights summing to 1 (statmod's <c>gauss.quad.prob(n, "uniform")</c>): the nodes
/// are the roots of the Legendre polynomial Pₙ, found by Newton's method from Tricomi's approximation.
/// </summary>
internal static class GaussLegendre
{
    public static (double[] Nodes, double[] Weights) UnitInterval(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++)
        {
            double x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5)), derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                // P_n(x) and P_n'(x) by the three-term recurrence
                double p0 = 1, p1 = x;
                for (int k = 2; k <= n; k++) (p0, p1) = (p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k);
                derivative = n * (x * p1 - p0) / (x * x - 1);
                double step = p1 / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-16) break;
            }
            {
                double p0 = 1, p1 = x;
                for (int k = 2; k <= n; k++) (p0, p1) = (p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k);
                derivative = n * (x * p1 - p0) / (x * x - 1);
            }
            // weight on [−1, 1] is 2/((1 − x²) P_n'(x)²); on [0, 1] with total 1 it is half that
            double w = 1 / ((1 - x * x) * derivative * derivative);
            nodes[i] = (1 - x) / 2;
            nodes[n - 1 - i] = (1 + x) / 2;
            weights[i] = weights[n - 1 - i] = w;
        }
        return (nodes, weights);
    }
}
