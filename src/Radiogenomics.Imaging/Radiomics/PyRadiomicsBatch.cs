using System.Globalization;
using System.Text;

namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// PyRadiomics' batch CSV: a header with <c>Image</c> and <c>Mask</c> (exact case), optional <c>Label</c>, any other
/// columns copied through; paths relative to the CSV's folder. The case id is the <c>ID</c>, <c>Patient</c> or
/// <c>patient_id</c> column when there is one, else <c>case-N</c> (N = the row's number, as PyRadiomics' Case-N).
/// Rows without an image or mask are errors here (PyRadiomics skips them with a log line, easy to miss).
/// </summary>
public static class PyRadiomicsBatch
{
    private static readonly string[] IdColumns = ["ID", "Patient", "patient_id", "PatientID"];

    public static IReadOnlyList<PyRadiomicsCase> Read(string path)
    {
        var lines = File.ReadAllLines(path).Select((l, i) => (Text: l, Line: i + 1)).Where(l => l.Text.Trim().Length > 0).ToList();
        if (lines.Count == 0) throw new DataProblemException(path, "header", "the batch CSV is empty", "write a header with Image and Mask columns, then one row per case");
        var header = Split(path, lines[0].Text, lines[0].Line).Select(h => h.Trim()).ToList();
        int image = header.IndexOf("Image"), mask = header.IndexOf("Mask"), label = header.IndexOf("Label");
        if (image < 0 || mask < 0)
        {
            var near = header.FirstOrDefault(h => h.Equals("image", StringComparison.OrdinalIgnoreCase) || h.Equals("mask", StringComparison.OrdinalIgnoreCase));
            throw new DataProblemException(path, "header", $"the header has no {(image < 0 ? "Image" : "Mask")} column (columns: {string.Join(", ", header)})",
                near is null ? "name the image and mask path columns Image and Mask (case-sensitive, as PyRadiomics)" : $"rename '{near}' to {(near.Equals("image", StringComparison.OrdinalIgnoreCase) ? "Image" : "Mask")} (case-sensitive)");
        }
        int id = IdColumns.Select(c => header.IndexOf(c)).FirstOrDefault(i => i >= 0, -1);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var cases = new List<PyRadiomicsCase>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int r = 1; r < lines.Count; r++)
        {
            var (text, line) = lines[r];
            var fields = Split(path, text, line);
            string record = $"row {r} (line {line})";
            if (fields.Count != header.Count)
                throw new DataProblemException(path, record, $"{fields.Count} fields for {header.Count} columns", "quote fields that contain commas; every row needs a value (possibly empty) per column");
            string Field(int i) => fields[i].Trim();
            if (Field(image).Length == 0 || Field(mask).Length == 0)
                throw new DataProblemException(path, record, $"no {(Field(image).Length == 0 ? "Image" : "Mask")} path", "give both paths, or delete the row");
            int? lab = null;
            if (label >= 0 && Field(label).Length > 0)
            {
                if (!int.TryParse(Field(label), NumberStyles.Integer, CultureInfo.InvariantCulture, out int l) || l < 1)
                    throw new DataProblemException(path, record, $"Label '{Field(label)}' is not a whole number ≥ 1", "write the mask value of the region, e.g. 1");
                lab = l;
            }
            string caseId = id >= 0 && Field(id).Length > 0 ? Field(id) : $"case-{r}";
            if (!seen.Add(caseId))
                throw new DataProblemException(path, record, $"case id '{caseId}' appears twice", "give every row its own ID (one row per patient; a second region goes in its own batch or label)");
            var other = header.Select((h, i) => (h, i)).Where(t => t.i != image && t.i != mask && t.i != label && t.i != id).Select(t => (t.h, Field(t.i))).ToList();
            cases.Add(new PyRadiomicsCase(record, caseId, Path.GetFullPath(Path.Combine(folder, Field(image))), Path.GetFullPath(Path.Combine(folder, Field(mask))), lab, other));
        }
        if (cases.Count == 0) throw new DataProblemException(path, "rows", "the batch CSV has a header but no cases", "add one row per case: Image,Mask[,Label]");
        return cases;
    }

    /// <summary>RFC 4180 fields of one line: commas separate, double quotes enclose, "" is a quote.</summary>
    private static List<string> Split(string path, string line, int number)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) throw new DataProblemException(path, $"line {number}", "a quoted field is not closed", "close the quote (fields cannot span lines)");
        fields.Add(field.ToString());
        return fields;
    }
}
