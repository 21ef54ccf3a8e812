namespace Radiogenomics.Plotting;

/// <summary>
/// A built-in monospaced bitmap font for printable ASCII (32–126): 5×7 glyphs (capitals and digits 7 rows high,
/// lower case with a 5-row x-height) plus 2 rows for descenders, in a 6-pixel advance. Integer scaling keeps
/// the pixels crisp. Characters outside ASCII are mapped to close ASCII look-alikes (− to -, × to x) or '?'.
/// </summary>
public sealed class BitmapFont
{
    /// <summary>Rows 0–6 hold capitals and digits (row 6 is the baseline row); rows 7–8 hold descenders.</summary>
    public const int GlyphWidth = 5;

    public const int GlyphHeight = 9;

    /// <summary>Horizontal distance between glyph origins: the glyph plus one blank column.</summary>
    public const int Advance = 6;

    /// <summary>Height of capitals and digits (above the baseline).</summary>
    public const int CapHeight = 7;

    /// <summary>Distance between baselines of consecutive lines: the glyph plus one blank row.</summary>
    public const int LineHeight = 10;

    public const char First = ' ', Last = '~';

    private readonly ushort[][] _rows; // per glyph: GlyphHeight rows, bit 4 = leftmost column

    private BitmapFont(ushort[][] rows) => _rows = rows;

    public static BitmapFont Default { get; } = new(Parse(GlyphSource.Glyphs));

    /// <summary>Whether pixel (x, y) of the glyph for <paramref name="c"/> is set (0 ≤ x &lt; 5, 0 ≤ y &lt; 9).</summary>
    public bool IsSet(char c, int x, int y)
    {
        if ((uint)x >= GlyphWidth || (uint)y >= GlyphHeight) return false;
        return (_rows[Normalize(c) - First][y] & (1 << (GlyphWidth - 1 - x))) != 0;
    }

    /// <summary>Number of set pixels of a glyph (0 only for space).</summary>
    public int InkCount(char c)
    {
        int n = 0;
        foreach (var row in _rows[Normalize(c) - First]) n += System.Numerics.BitOperations.PopCount(row);
        return n;
    }

    /// <summary>Width in pixels of a line of text (no trailing blank column).</summary>
    public int MeasureWidth(string text, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckScale(scale);
        return text.Length == 0 ? 0 : (text.Length * Advance - 1) * scale;
    }

    /// <summary>Height in pixels of one line of text, descenders included.</summary>
    public int MeasureHeight(int scale = 1)
    {
        CheckScale(scale);
        return GlyphHeight * scale;
    }

    /// <summary>Size of the text's bounding box as drawn with <paramref name="orientation"/> (rotated text swaps width and height).</summary>
    public (int Width, int Height) Measure(string text, int scale = 1, TextOrientation orientation = TextOrientation.Horizontal)
    {
        int w = MeasureWidth(text, scale), h = text.Length == 0 ? 0 : MeasureHeight(scale);
        return orientation == TextOrientation.Horizontal ? (w, h) : (h, w);
    }

    /// <summary>
    /// Longest prefix of <paramref name="text"/> that fits in <paramref name="maxWidth"/> pixels, ending in ".." when cut.
    /// </summary>
    public string Truncate(string text, int maxWidth, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (MeasureWidth(text, scale) <= maxWidth) return text;
        int chars = (maxWidth / scale + 1) / Advance;
        if (chars <= 0) return "";
        if (chars <= 2) return text[..Math.Min(chars, text.Length)];
        return text[..(chars - 2)] + "..";
    }

    /// <summary>
    /// Draws one line of text; (x, y) is the top-left corner of its bounding box after rotation.
    /// Control characters are drawn as spaces.
    /// </summary>
    public void Draw(RgbImage image, string text, int x, int y, Rgb color, int scale = 1, TextOrientation orientation = TextOrientation.Horizontal)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(text);
        CheckScale(scale);
        int textWidth = text.Length * Advance - 1; // in font pixels, unscaled
        for (int i = 0; i < text.Length; i++)
        {
            var rows = _rows[Normalize(text[i]) - First];
            for (int gy = 0; gy < GlyphHeight; gy++)
            {
                int bits = rows[gy];
                if (bits == 0) continue;
                for (int gx = 0; gx < GlyphWidth; gx++)
                {
                    if ((bits & (1 << (GlyphWidth - 1 - gx))) == 0) continue;
                    int tx = i * Advance + gx, ty = gy; // position in the unrotated text box
                    var (px, py) = orientation switch
                    {
                        TextOrientation.BottomToTop => (ty, textWidth - 1 - tx),
                        TextOrientation.TopToBottom => (GlyphHeight - 1 - ty, tx),
                        _ => (tx, ty),
                    };
                    if (scale == 1) image.SetPixel(x + px, y + py, color);
                    else image.FillRectangle(x + px * scale, y + py * scale, scale, scale, color);
                }
            }
        }
    }

    /// <summary>The character actually drawn for <paramref name="c"/>.</summary>
    public static char Normalize(char c) => c switch
    {
        >= First and <= Last => c,
        '\t' or '\n' or '\r' or '\u00A0' or '\u2009' or '\u202F' => ' ',
        '\u2212' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' => '-', // minus sign, hyphens, dashes
        '\u00D7' => 'x', // multiplication sign
        '\u2018' or '\u2019' or '\u00B4' => '\'',
        '\u201C' or '\u201D' => '"',
        '\u2264' => '<', // ≤ and ≥ lose their bar rather than becoming '?'
        '\u2265' => '>',
        '\u00B5' or '\u03BC' => 'u', // micro
        _ => '?',
    };

    private static void CheckScale(int scale)
    {
        if (scale < 1 || scale > 64) throw new ArgumentOutOfRangeException(nameof(scale), $"Font scale {scale} must be between 1 and 64.");
    }

    private static ushort[][] Parse(IReadOnlyList<string> glyphs)
    {
        int count = Last - First + 1;
        if (glyphs.Count != count) throw new InvalidOperationException($"The font defines {glyphs.Count} glyphs, not {count}.");
        var result = new ushort[count][];
        for (int g = 0; g < count; g++)
        {
            var rowTexts = glyphs[g].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (rowTexts.Length > GlyphHeight) throw new InvalidOperationException($"Glyph '{(char)(First + g)}' has {rowTexts.Length} rows.");
            var rows = new ushort[GlyphHeight];
            for (int r = 0; r < rowTexts.Length; r++)
            {
                if (rowTexts[r].Length != GlyphWidth) throw new InvalidOperationException($"Glyph '{(char)(First + g)}' row {r} is '{rowTexts[r]}'.");
                for (int x = 0; x < GlyphWidth; x++)
                    if (rowTexts[r][x] == '#') rows[r] |= (ushort)(1 << (GlyphWidth - 1 - x));
            }
            result[g] = rows;
        }
        return result;
    }
}
