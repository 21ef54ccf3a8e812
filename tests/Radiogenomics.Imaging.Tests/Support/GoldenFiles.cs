using System.Globalization;
using System.Text.RegularExpressions;

namespace Radiogenomics.Imaging.Tests.Support;

/// <summary>Reads the golden files made by golden/make_golden.sh (dcmdump output and pixel text).</summary>
internal static partial class GoldenFiles
{
    public static string Directory => System.IO.Path.Combine(AppContext.BaseDirectory, "golden");

    public static string Path(string name)
    {
        var path = System.IO.Path.Combine(Directory, name);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Golden file {path} is missing; regenerate with tests/Radiogenomics.Imaging.Tests/golden/make_golden.sh and rebuild.");
        }
        return path;
    }

    /// <summary>Top-level elements of a dcmdump listing (nested items and sequences left out).</summary>
    public static IReadOnlyList<DumpElement> ReadDump(string name) => ParseDump(File.ReadAllLines(Path(name)));

    public static IReadOnlyList<DumpElement> ParseDump(IEnumerable<string> lines)
    {
        var elements = new List<DumpElement>();
        foreach (var line in lines)
        {
            var match = DumpLine().Match(line);
            if (!match.Success)
            {
                continue;
            }
            var raw = match.Groups["value"].Value.TrimEnd();
            var value = raw.StartsWith('[') && raw.EndsWith(']') ? raw[1..^1]
                : raw == "(no value available)" ? ""
                : raw;
            elements.Add(new DumpElement(
                ushort.Parse(match.Groups["group"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ushort.Parse(match.Groups["element"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                match.Groups["vr"].Value,
                value));
        }
        return elements;
    }

    public static DumpElement Find(this IReadOnlyList<DumpElement> dump, ushort group, ushort element) =>
        dump.Single(e => e.Group == group && e.Element == element);

    public static int[] ReadPixels(string name) =>
        File.ReadAllLines(Path(name))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(v => int.Parse(v, CultureInfo.InvariantCulture))
            .ToArray();

    public static Dictionary<string, long> ReadStats(string name) =>
        File.ReadAllLines(Path(name))
            .Select(line => line.Split(' '))
            .ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture));

    // "(0028,0010) US 64     #   2, 1 Rows" at the start of a line (nested items are indented).
    [GeneratedRegex(@"^\((?<group>[0-9a-f]{4}),(?<element>[0-9a-f]{4})\) (?<vr>[A-Za-z]{2}) (?<value>.*?)\s+#\s*(\d+|u/l),\s*\d+ \S+\s*$")]
    private static partial Regex DumpLine();
}

internal sealed record DumpElement(ushort Group, ushort Element, string Vr, string Value)
{
    public (ushort Group, ushort Element) Tag => (Group, Element);

    /// <summary>Elements whose text GDCM's StringFilter and dcmdump both print as the stored text or number.</summary>
    public bool IsComparableText => Vr is not ("OB" or "OW" or "OF" or "OD" or "OL" or "UN" or "SQ" or "AT" or "na" or "pi" or "FL" or "FD");
}
