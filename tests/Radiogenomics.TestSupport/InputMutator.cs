namespace Radiogenomics.TestSupport;

/// <summary>
/// A seeded mutation fuzzer for text formats: each input is a valid seed file with one to four mutations — a flipped
/// byte, a format token (bracket, quote, delimiter, "NA", a non-UTF-8 byte…) inserted or written over a span, a span
/// deleted, a line duplicated or two lines swapped, the tail cut off. The same seed and index always give the same
/// input, so a failure names the input to replay.
/// </summary>
public sealed class InputMutator(IReadOnlyList<string> seeds, IReadOnlyList<string> tokens)
{
    private static readonly byte[][] Bytes = [[0x00], [0xE9], [0xFF, 0xFE], [0xC3], [0xEF, 0xBB, 0xBF], [0x80]];

    /// <summary>The <paramref name="index"/>-th input of run <paramref name="seed"/>.</summary>
    public byte[] Generate(int seed, int index)
    {
        var rng = new Random(unchecked(seed * 1_000_003 + index)); // not HashCode.Combine: its per-process random seed makes inputs unreplayable
        var data = System.Text.Encoding.UTF8.GetBytes(seeds[rng.Next(seeds.Count)]).ToList();
        int mutations = 1 + rng.Next(4);
        for (int m = 0; m < mutations; m++) Mutate(data, rng);
        return data.ToArray();
    }

    private void Mutate(List<byte> data, Random rng)
    {
        int at = data.Count == 0 ? 0 : rng.Next(data.Count + 1);
        switch (rng.Next(8))
        {
            case 0 when data.Count > 0:
                data[Math.Min(at, data.Count - 1)] ^= (byte)(1 << rng.Next(8));
                break;
            case 1:
                data.InsertRange(at, Token(rng));
                break;
            case 2 when data.Count > 0:
                int length = Math.Min(1 + rng.Next(8), data.Count - Math.Min(at, data.Count - 1));
                data.RemoveRange(Math.Min(at, data.Count - 1), length);
                data.InsertRange(Math.Min(at, data.Count), Token(rng));
                break;
            case 3 when data.Count > 0:
                int start = Math.Min(at, data.Count - 1);
                data.RemoveRange(start, Math.Min(1 + rng.Next(16), data.Count - start));
                break;
            case 4:
                var lines = Lines(data);
                if (lines.Count > 0) { int i = rng.Next(lines.Count); lines.Insert(i, lines[i]); }
                Join(data, lines);
                break;
            case 5:
                lines = Lines(data);
                if (lines.Count > 1) { int i = rng.Next(lines.Count), j = rng.Next(lines.Count); (lines[i], lines[j]) = (lines[j], lines[i]); }
                Join(data, lines);
                break;
            case 6 when data.Count > 0:
                data.RemoveRange(at == data.Count ? at - 1 : at, data.Count - (at == data.Count ? at - 1 : at));
                break;
            default:
                data.InsertRange(at, Bytes[rng.Next(Bytes.Length)]);
                break;
        }
    }

    private byte[] Token(Random rng) => System.Text.Encoding.UTF8.GetBytes(tokens[rng.Next(tokens.Count)]);

    private static List<byte[]> Lines(List<byte> data)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < data.Count; i++)
            if (data[i] == (byte)'\n') { lines.Add(data.GetRange(start, i - start + 1).ToArray()); start = i + 1; }
        if (start < data.Count) lines.Add(data.GetRange(start, data.Count - start).ToArray());
        return lines;
    }

    private static void Join(List<byte> data, List<byte[]> lines)
    {
        data.Clear();
        foreach (var l in lines) data.AddRange(l);
    }
}
