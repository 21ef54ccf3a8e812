using System.Numerics;

namespace Radiogenomics.Statistics;

/// <summary>
/// Dense vector kernels over contiguous arrays (System.Numerics.Vector, scalar tail), shared by the solvers whose inner
/// loops are dot products and axpy over columns. Each keeps a fixed accumulation order, so a result is reproducible.
/// </summary>
internal static class VectorKernels
{
    /// <summary>Σ a_i b_i over the first <paramref name="n"/> entries.</summary>
    public static double Dot(double[] a, double[] b, int n)
    {
        int i = 0;
        var acc = Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated)
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                acc += new Vector<double>(a, i) * new Vector<double>(b, i);
        double s = Vector.Dot(acc, Vector<double>.One);
        for (; i < n; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>y += a·x over the first <paramref name="n"/> entries.</summary>
    public static void AddScaled(double[] y, double a, double[] x, int n)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<double>(a);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(y, i) + va * new Vector<double>(x, i)).CopyTo(y, i);
        }
        for (; i < n; i++) y[i] += a * x[i];
    }

    /// <summary>z = a∘b over the first <paramref name="n"/> entries.</summary>
    public static void Multiply(double[] a, double[] b, double[] z, int n)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(a, i) * new Vector<double>(b, i)).CopyTo(z, i);
        for (; i < n; i++) z[i] = a[i] * b[i];
    }

    /// <summary>z = s∘a − t∘b over the first <paramref name="n"/> entries.</summary>
    public static void MultiplySubtract(double[] s, double[] a, double[] t, double[] b, double[] z, int n)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(s, i) * new Vector<double>(a, i) - new Vector<double>(t, i) * new Vector<double>(b, i)).CopyTo(z, i);
        for (; i < n; i++) z[i] = s[i] * a[i] - t[i] * b[i];
    }

    /// <summary>y_i = exp(x_i) over the first <paramref name="n"/> entries (the vector exp is within an ulp or so of Math.Exp).</summary>
    public static void Exp(double[] x, double[] y, int n)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                Vector.Exp(new Vector<double>(x, i)).CopyTo(y, i);
        for (; i < n; i++) y[i] = Math.Exp(x[i]);
    }

    /// <summary>Σ log x_i over the first <paramref name="n"/> entries (vector log, within an ulp or so of Math.Log).</summary>
    public static double SumOfLogs(double[] x, int n)
    {
        int i = 0;
        var acc = Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated)
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                acc += Vector.Log(new Vector<double>(x, i));
        double s = Vector.Dot(acc, Vector<double>.One);
        for (; i < n; i++) s += Math.Log(x[i]);
        return s;
    }

    /// <summary>Σ w_i·log x_i over the first <paramref name="n"/> entries.</summary>
    public static double WeightedSumOfLogs(double[] w, double[] x, int n)
    {
        int i = 0;
        var acc = Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated)
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                acc += new Vector<double>(w, i) * Vector.Log(new Vector<double>(x, i));
        double s = Vector.Dot(acc, Vector<double>.One);
        for (; i < n; i++) s += w[i] * Math.Log(x[i]);
        return s;
    }
}
