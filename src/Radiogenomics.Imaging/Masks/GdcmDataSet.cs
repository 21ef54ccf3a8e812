using System.Text;
using Radiogenomics.Imaging.Dicom;

namespace Radiogenomics.Imaging.Masks;

/// <summary>
/// Values of a GDCM data set, nested sequences included, read from the elements' raw bytes: text VRs as ASCII,
/// US as little-endian binary (SEG and RTSTRUCT are little endian in every transfer syntax GDCM reads them in here).
/// The data sets returned borrow from the reader and from the sequences they were found in: GDCM parses a sequence
/// kept as raw bytes (e.g. of defined length in implicit VR) into a new SequenceOfItems that its element does not
/// keep, so this object holds every sequence it hands items of until it is disposed.
/// </summary>
internal sealed class GdcmDataSet : IDisposable
{
    private readonly gdcm.Reader _reader;
    private readonly List<gdcm.SmartPtrSQ> _sequences = [];

    /// <summary>Reads the whole file (pixel data included) through GDCM.</summary>
    public GdcmDataSet(string path, string what)
    {
        GdcmRuntime.EnsureLoaded();
        _reader = new gdcm.Reader();
        _reader.SetFileName(path);
        if (!_reader.Read())
        {
            _reader.Dispose();
            throw new DataProblemException(path, "file", $"GDCM could not parse the {what}", "check it with dcmdump or gdcmdump and re-export it");
        }
        Root = _reader.GetFile().GetDataSet();
    }

    /// <summary>The file's top-level data set.</summary>
    public gdcm.DataSet Root { get; }

    public void Dispose()
    {
        foreach (var sequence in _sequences) sequence.Dispose();
        _reader.Dispose();
    }

    public static byte[]? Bytes(gdcm.DataSet dataSet, (ushort Group, ushort Element) tag)
    {
        using var t = DicomFile.NewTag(tag);
        if (!dataSet.FindDataElement(t)) return null;
        var element = dataSet.GetDataElement(t);
        if (element.IsEmpty()) return [];
        var value = element.GetByteValue();
        if (value is null) return null;
        uint length = value.GetLength().GetValueLength();
        var buffer = new byte[length];
        return length == 0 || value.GetBuffer(buffer, length) ? buffer : null;
    }

    /// <summary>The text of a string element, trailing spaces and NULs removed; "" when absent.</summary>
    public static string Text(gdcm.DataSet dataSet, (ushort Group, ushort Element) tag)
    {
        var bytes = Bytes(dataSet, tag);
        return bytes is null ? "" : Encoding.ASCII.GetString(bytes).Trim(' ', '\0');
    }

    public static double[] Decimals(gdcm.DataSet dataSet, (ushort Group, ushort Element) tag) => DicomValueText.ParseDecimals(Text(dataSet, tag));

    public static int? Integer(gdcm.DataSet dataSet, (ushort Group, ushort Element) tag) => DicomValueText.ParseInteger(Text(dataSet, tag));

    /// <summary>An unsigned short (VR US), or null when absent or not two bytes.</summary>
    public static int? UnsignedShort(gdcm.DataSet dataSet, (ushort Group, ushort Element) tag)
    {
        var bytes = Bytes(dataSet, tag);
        return bytes is { Length: >= 2 } ? bytes[0] | (bytes[1] << 8) : null;
    }

    /// <summary>The items of a sequence; empty when the sequence is absent.</summary>
    public List<gdcm.DataSet> Items(gdcm.DataSet dataSet, (ushort Group, ushort Element) tag)
    {
        using var t = DicomFile.NewTag(tag);
        if (!dataSet.FindDataElement(t)) return [];
        var element = dataSet.GetDataElement(t);
        if (element.IsEmpty()) return [];
        var sequence = element.GetValueAsSQ();
        if (sequence is null || sequence.GetPointer() is null) return [];
        _sequences.Add(sequence);
        var items = new List<gdcm.DataSet>();
        uint count = sequence.GetNumberOfItems();
        for (uint i = 1; i <= count; i++) items.Add(sequence.GetItem(i).GetNestedDataSet());
        return items;
    }

    /// <summary>The first item of a sequence, or null.</summary>
    public gdcm.DataSet? First(gdcm.DataSet dataSet, (ushort Group, ushort Element) tag) => Items(dataSet, tag).FirstOrDefault();
}
