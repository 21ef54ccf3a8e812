using Radiogenomics.Imaging.Dicom;

namespace Radiogenomics.Imaging.Tests.Support;

/// <summary>Makes fixture files with GDCM directly: transcoded copies and copies with an element removed.</summary>
internal static class GdcmFixtures
{
    /// <summary>Re-encodes <paramref name="source"/> in another transfer syntax (e.g. JPEG lossless).</summary>
    public static void Transcode(string source, string destination, gdcm.TransferSyntax.TSType syntax)
    {
        GdcmRuntime.EnsureLoaded();
        using var reader = new gdcm.ImageReader();
        reader.SetFileName(source);
        if (!reader.Read())
        {
            throw new InvalidOperationException($"GDCM cannot read {source}");
        }
        using var change = new gdcm.ImageChangeTransferSyntax();
        using var ts = new gdcm.TransferSyntax(syntax);
        change.SetTransferSyntax(ts);
        change.SetInput(reader.GetImage());
        if (!change.Change())
        {
            throw new InvalidOperationException($"GDCM cannot transcode {source} to {syntax}");
        }
        using var writer = new gdcm.ImageWriter();
        writer.SetFileName(destination);
        writer.SetFile(reader.GetFile());
        writer.SetImage(change.GetOutput());
        if (!writer.Write())
        {
            throw new InvalidOperationException($"GDCM cannot write {destination}");
        }
    }

    /// <summary>Copies <paramref name="source"/> without the element <paramref name="tag"/>.</summary>
    public static void CopyWithout(string source, string destination, (ushort Group, ushort Element) tag)
    {
        GdcmRuntime.EnsureLoaded();
        using var reader = new gdcm.Reader();
        reader.SetFileName(source);
        if (!reader.Read())
        {
            throw new InvalidOperationException($"GDCM cannot read {source}");
        }
        using var file = reader.GetFile();
        using var dataSet = file.GetDataSet();
        using var t = new gdcm.Tag(tag.Group, tag.Element);
        dataSet.Remove(t);
        using var writer = new gdcm.Writer();
        writer.SetFile(file);
        writer.SetFileName(destination);
        if (!writer.Write())
        {
            throw new InvalidOperationException($"GDCM cannot write {destination}");
        }
    }

    /// <summary>A copy of <paramref name="source"/> cut to its first <paramref name="length"/> bytes.</summary>
    public static string Truncated(string source, string directory, long length)
    {
        var bytes = File.ReadAllBytes(source);
        var path = System.IO.Path.Combine(directory, $"{System.IO.Path.GetFileNameWithoutExtension(source)}_first{length}.dcm");
        File.WriteAllBytes(path, bytes[..(int)length]);
        return path;
    }
}
