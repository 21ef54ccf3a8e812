using System.Globalization;
using System.Text;

namespace Radiogenomics.Synthetic;

/// <summary>Buffered UTF-8 text output with culture-invariant number formatting straight into bytes (the STAR files are ~2 × 10⁶ numbers per cohort).</summary>
internal sealed class Utf8LineWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    public Utf8LineWriter(Stream stream) => _stream = stream;

    private Span<byte> Reserve(int n)
    {
        if (_used + n > _buffer.Length) Flush();
        return _buffer.AsSpan(_used);
    }

    public Utf8LineWriter Text(string s)
    {
        if (s.Length * 3 > _buffer.Length) { Flush(); _stream.Write(Encoding.UTF8.GetBytes(s)); return this; }
        var span = Reserve(s.Length * 3); // may flush: take the span before reading _used
        int n = Encoding.UTF8.GetBytes(s, span);
        _used += n;
        return this;
    }

    public Utf8LineWriter Tab() { var span = Reserve(1); span[0] = (byte)'\t'; _used++; return this; }
    public Utf8LineWriter NewLine() { var span = Reserve(1); span[0] = (byte)'\n'; _used++; return this; }

    public Utf8LineWriter Number(long value)
    {
        var span = Reserve(24);
        value.TryFormat(span, out int n, default, CultureInfo.InvariantCulture);
        _used += n;
        return this;
    }

    /// <summary>Fixed-point with <paramref name="format"/> (e.g. "F4"), invariant culture.</summary>
    public Utf8LineWriter Number(double value, string format)
    {
        var span = Reserve(64);
        if (!value.TryFormat(span, out int n, format, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"Could not format {value} with {format}.");
        _used += n;
        return this;
    }

    /// <summary>Shortest round-trip representation ("R"), invariant culture.</summary>
    public Utf8LineWriter Number(double value) => Number(value, "R");

    public void Flush()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose() => Flush();
}
