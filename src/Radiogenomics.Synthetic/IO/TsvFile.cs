using System.Globalization;
using System.Text;

namespace Radiogenomics.Synthetic;

/// <summary>Small helpers for the TSV tables: UTF-8 without BOM, "\n" line ends, invariant numbers, "NA" for missing.</summary>
internal static class TsvFile
{
    public const string Missing = "NA";

    public static StreamWriter Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    }

    public static string Format(double value) => double.IsNaN(value) ? Missing : value.ToString("R", CultureInfo.InvariantCulture);
    public static string Format(double value, string format) => double.IsNaN(value) ? Missing : value.ToString(format, CultureInfo.InvariantCulture);
    public static string Format(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? Missing;
    public static string Format(string? value) => value ?? Missing;
}
