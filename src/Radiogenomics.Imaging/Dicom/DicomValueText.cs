using System.Globalization;

namespace Radiogenomics.Imaging.Dicom;

/// <summary>Parses and formats DICOM's text value representations (DS, IS, TM, DA), invariantly.</summary>
internal static class DicomValueText
{
    public static string Trim(string? value) => (value ?? "").Trim('\0', ' ');

    public static double[] ParseDecimals(string text)
    {
        var parts = Trim(text).Split('\\');
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                return [];
            }
        }
        return parts.Length == 1 && parts[0].Trim().Length == 0 ? [] : values;
    }

    public static double? ParseDecimal(string text)
    {
        var values = ParseDecimals(text);
        return values.Length >= 1 ? values[0] : null;
    }

    public static int? ParseInteger(string text)
    {
        var trimmed = Trim(text);
        if (trimmed.Contains('\\'))
        {
            trimmed = trimmed[..trimmed.IndexOf('\\')];
        }
        if (int.TryParse(trimmed.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        // IS written as "1.0" by some exporters.
        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && real == Math.Floor(real)
               && Math.Abs(real) <= int.MaxValue
            ? (int)real
            : null;
    }

    /// <summary>TM: HHMMSS.FFFFFF with optional parts, or the old ACR-NEMA HH:MM:SS.</summary>
    public static TimeSpan? ParseTime(string text)
    {
        var value = Trim(text).Replace(":", "", StringComparison.Ordinal);
        if (value.Length < 2 || value.Contains('\\'))
        {
            return null;
        }
        var dot = value.IndexOf('.');
        var whole = dot >= 0 ? value[..dot] : value;
        var fraction = dot >= 0 ? value[(dot + 1)..] : "";
        if (whole.Length is not (2 or 4 or 6) || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            return null;
        }
        var hours = int.Parse(whole[..2], CultureInfo.InvariantCulture);
        var minutes = whole.Length >= 4 ? int.Parse(whole[2..4], CultureInfo.InvariantCulture) : 0;
        var seconds = whole.Length >= 6 ? int.Parse(whole[4..6], CultureInfo.InvariantCulture) : 0;
        if (hours > 23 || minutes > 59 || seconds > 60)
        {
            return null;
        }
        var ticks = fraction.Length == 0 ? 0 : (long)Math.Round(double.Parse("0." + fraction, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond);
        return new TimeSpan(hours, minutes, seconds) + TimeSpan.FromTicks(ticks);
    }

    /// <summary>DS: at most 16 characters, so the shortest round-trip form when it fits, else fewer digits.</summary>
    public static string FormatDecimal(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A DICOM decimal string (DS) must be finite.");
        }
        if (value == 0)
        {
            return "0"; // also turns -0 into 0
        }
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        for (var digits = 15; text.Length > 16 && digits > 0; digits--)
        {
            text = value.ToString("G" + digits, CultureInfo.InvariantCulture);
        }
        return text;
    }

    public static string FormatDecimals(params double[] values) => string.Join('\\', values.Select(FormatDecimal));

    public static string FormatTime(TimeSpan time)
    {
        if (time < TimeSpan.Zero || time >= TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "A DICOM time (TM) must be a time of day, 00:00 to 23:59:59.999999.");
        }
        var text = time.ToString("hhmmss", CultureInfo.InvariantCulture);
        var microseconds = time.Ticks % TimeSpan.TicksPerSecond / 10;
        return microseconds == 0 ? text : text + "." + microseconds.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    public static string FormatDate(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
