using Radiogenomics.Engine.Stages;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// The <c>tensors</c> table <c>extract.dae</c> reads: one row per image with patient_id, image_id and
/// <c>pixels</c>, a float array of side × side values in [0, 1] (row-major). Other columns (series,
/// slice_index) are carried by the preprocess stage but not needed here. Rows keep the table's order.
/// </summary>
internal sealed class DaeTensors
{
    private DaeTensors(string[] imageIds, string[] patientIds, float[] pixels, int side)
    {
        ImageIds = imageIds;
        PatientIds = patientIds;
        Pixels = pixels;
        Side = side;
    }

    public string[] ImageIds { get; }
    public string[] PatientIds { get; }

    /// <summary>All images back to back, Count × Side × Side floats.</summary>
    public float[] Pixels { get; }

    public int Side { get; }
    public int Count => ImageIds.Length;

    public static DaeTensors Read(string path)
    {
        var table = ParquetFile.Read(path, ["image_id", "patient_id", "pixels"]);
        if (table.RowCount == 0)
            throw new DataProblemException(path, "table", "has no images", "check that the preprocess stage selected any slices");
        var imageIds = table.GetStrings("image_id");
        var patientIds = table.GetStrings("patient_id");
        var arrays = table.GetFloatArrays("pixels");
        int length = arrays[0]?.Length ?? 0;
        int side = (int)Math.Round(Math.Sqrt(length));
        if (side * side != length || side < 4)
            throw new DataProblemException(path, $"row 1 (image {imageIds[0]})", $"pixels has {length} values, not a square image",
                "preprocess to square tensors (64×64 for the published model)");
        var pixels = new float[(long)table.RowCount * length];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < table.RowCount; i++)
        {
            string record = $"row {i + 1} (image {imageIds[i] ?? "null"})";
            if (string.IsNullOrEmpty(imageIds[i])) throw new DataProblemException(path, record, "image_id is missing", "give every image an id");
            if (string.IsNullOrEmpty(patientIds[i])) throw new DataProblemException(path, record, "patient_id is missing", "give every image its patient");
            if (!seen.TryAdd(imageIds[i]!, i))
                throw new DataProblemException(path, record, $"image id '{imageIds[i]}' already appears in row {seen[imageIds[i]!] + 1}", "make image ids unique");
            var values = arrays[i];
            if (values is null || values.Length != length)
                throw new DataProblemException(path, record, $"pixels has {values?.Length.ToString() ?? "no"} values, expected {length} like row 1",
                    "preprocess every image to the same size");
            foreach (var v in values)
                if (!float.IsFinite(v))
                    throw new DataProblemException(path, record, $"pixel value {v} is not finite", "mask or impute non-finite pixels in preprocessing");
            values.CopyTo(pixels, (long)i * length);
        }

        return new DaeTensors(imageIds!, patientIds!, pixels, side);
    }

    /// <summary>The given rows' pixels back to back.</summary>
    public float[] Gather(int[] rows)
    {
        int size = Side * Side;
        var result = new float[(long)rows.Length * size];
        for (int k = 0; k < rows.Length; k++) Pixels.AsSpan(rows[k] * size, size).CopyTo(result.AsSpan(k * size, size));
        return result;
    }
}
