namespace Radiogenomics.Plotting.Tests;

public class BitmapFontTests
{
    private static readonly BitmapFont Font = BitmapFont.Default;
    private static IEnumerable<char> Printable => Enumerable.Range(32, 95).Select(i => (char)i);

    [Fact]
    public void Every_printable_glyph_has_ink_except_space()
    {
        foreach (var c in Printable)
        {
            if (c == ' ') Assert.Equal(0, Font.InkCount(c));
            else Assert.True(Font.InkCount(c) > 0, $"'{c}' is blank");
        }
    }

    [Fact]
    public void No_two_glyphs_are_the_same()
    {
        var seen = new Dictionary<string, char>();
        foreach (var c in Printable)
        {
            var bits = string.Concat(Enumerable.Range(0, BitmapFont.GlyphHeight * BitmapFont.GlyphWidth)
                .Select(i => Font.IsSet(c, i % BitmapFont.GlyphWidth, i / BitmapFont.GlyphWidth) ? '#' : '.'));
            Assert.False(seen.TryGetValue(bits, out var other), $"'{c}' looks exactly like '{other}'");
            seen[bits] = c;
        }
    }

    [Fact]
    public void Only_descender_characters_reach_below_the_baseline()
    {
        var below = Printable.Where(c => Enumerable.Range(0, 5).Any(x => Font.IsSet(c, x, 7) || Font.IsSet(c, x, 8))).ToHashSet();
        Assert.Equal(",;_gjpqy".ToHashSet(), below);
        // Capitals and digits fill the cap height: something in the top and in the baseline row.
        foreach (var c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        {
            Assert.True(Enumerable.Range(0, 5).Any(x => Font.IsSet(c, x, 0)), $"'{c}' does not reach the cap line");
            Assert.True(Enumerable.Range(0, 5).Any(x => Font.IsSet(c, x, 6)), $"'{c}' does not sit on the baseline");
        }
    }

    [Fact]
    public void Widths_are_consistent_and_match_what_is_drawn()
    {
        Assert.Equal(0, Font.MeasureWidth(""));
        Assert.Equal(5, Font.MeasureWidth("W"));
        foreach (var scale in new[] { 1, 2, 3 })
            foreach (var text in new[] { "i", "W", "-log10 q", "original_glcm_Idm" })
            {
                Assert.Equal((text.Length * BitmapFont.Advance - 1) * scale, Font.MeasureWidth(text, scale));
                var img = new RgbImage(400, 60);
                img.DrawText(text, 10, 10, Rgb.Black, scale);
                var (x0, y0, x1, y1) = InkBox(img);
                Assert.True(x0 >= 10 && x1 < 10 + Font.MeasureWidth(text, scale), $"'{text}' at ×{scale} spills outside its measured width");
                Assert.True(y0 >= 10 && y1 < 10 + Font.MeasureHeight(scale));
            }
        Assert.Equal(9, Font.MeasureHeight());
        Assert.Equal((9 * 2, (3 * 6 - 1) * 2), Font.Measure("abc", 2, TextOrientation.BottomToTop));
    }

    [Fact]
    public void Rotated_text_is_the_horizontal_text_turned_a_quarter()
    {
        const string text = "Rg-7y";
        int w = Font.MeasureWidth(text), h = Font.MeasureHeight();
        var flat = new RgbImage(w, h);
        var up = new RgbImage(h, w);
        var down = new RgbImage(h, w);
        flat.DrawText(text, 0, 0, Rgb.Black);
        up.DrawText(text, 0, 0, Rgb.Black, orientation: TextOrientation.BottomToTop);
        down.DrawText(text, 0, 0, Rgb.Black, orientation: TextOrientation.TopToBottom);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                Assert.Equal(flat.GetPixel(x, y), up.GetPixel(y, w - 1 - x));
                Assert.Equal(flat.GetPixel(x, y), down.GetPixel(h - 1 - y, x));
            }
    }

    [Fact]
    public void Scaled_text_is_made_of_whole_blocks()
    {
        var one = new RgbImage(40, 12);
        var three = new RgbImage(120, 36);
        one.DrawText("a5Q", 0, 0, Rgb.Black);
        three.DrawText("a5Q", 0, 0, Rgb.Black, 3);
        for (int y = 0; y < 36; y++)
            for (int x = 0; x < 120; x++)
                Assert.Equal(one.GetPixel(x / 3, y / 3), three.GetPixel(x, y));
    }

    [Fact]
    public void Non_ascii_maps_to_look_alikes_or_a_question_mark()
    {
        Assert.Equal('-', BitmapFont.Normalize('\u2212'));
        Assert.Equal('x', BitmapFont.Normalize('\u00D7'));
        Assert.Equal('?', BitmapFont.Normalize('\u03B2'));
        Assert.Equal('A', BitmapFont.Normalize('A'));
        Assert.Equal(Font.InkCount('?'), Font.InkCount('\u4E2D'));
    }

    [Fact]
    public void Truncate_fits_the_width_and_marks_the_cut()
    {
        Assert.Equal("short", Font.Truncate("short", 100));
        var cut = Font.Truncate("original_glszm_SizeZoneNonUniformityNormalized", 60);
        Assert.EndsWith("..", cut);
        Assert.True(Font.MeasureWidth(cut) <= 60);
        Assert.True(Font.MeasureWidth(cut + "x") > 60);
    }

    internal static (int X0, int Y0, int X1, int Y1) InkBox(RgbImage img)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (int y = 0; y < img.Height; y++)
            for (int x = 0; x < img.Width; x++)
                if (img.GetPixel(x, y) != Rgb.White)
                {
                    x0 = Math.Min(x0, x); x1 = Math.Max(x1, x);
                    y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
                }
        return (x0, y0, x1, y1);
    }
}
