using System.Globalization;

namespace Radiogenomics.Plotting;

/// <summary>An 8-bit-per-channel sRGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static readonly Rgb White = new(255, 255, 255);
    public static readonly Rgb Black = new(0, 0, 0);

    /// <summary>Near-black used for text and axes: softer than pure black on white paper.</summary>
    public static readonly Rgb Ink = new(0x22, 0x22, 0x22);

    /// <summary>Light grey for missing values (NaN cells); distinct from every colour of viridis.</summary>
    public static readonly Rgb MissingGrey = new(0xD9, 0xD9, 0xD9);

    /// <summary>Parses "#RRGGBB" or "RRGGBB".</summary>
    public static Rgb FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var s = hex.StartsWith('#') ? hex.AsSpan(1) : hex.AsSpan();
        if (s.Length != 6 || !uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v))
            throw new FormatException($"'{hex}' is not a colour of the form #RRGGBB.");
        return new Rgb((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>Linear interpolation in sRGB space; t is clamped to [0, 1].</summary>
    public static Rgb Lerp(Rgb a, Rgb b, double t)
    {
        if (!(t > 0)) return a; // also catches NaN
        if (t >= 1) return b;
        return new Rgb(Mix(a.R, b.R, t), Mix(a.G, b.G, t), Mix(a.B, b.B, t));
    }

    private static byte Mix(byte a, byte b, double t) => (byte)Math.Round(a + (b - a) * t, MidpointRounding.AwayFromZero);

    public override string ToString() => $"#{R:X2}{G:X2}{B:X2}";
}
