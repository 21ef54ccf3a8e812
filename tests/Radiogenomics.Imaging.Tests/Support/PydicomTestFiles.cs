namespace Radiogenomics.Imaging.Tests.Support;

/// <summary>pydicom's DICOM test files, shipped by Debian's python3-pydicom (./build.sh installs it).</summary>
internal static class PydicomTestFiles
{
    public const string PathVariable = "PYDICOM_TEST_FILES";
    public const string DebianDirectory = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

    public static string Directory =>
        Locate(Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } custom ? custom : DebianDirectory);

    public static string Locate(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new InvalidOperationException(
                $"pydicom's DICOM test files are missing ({directory}). Install them with 'sudo apt-get install python3-pydicom' " +
                $"(./build.sh does this), or set {PathVariable} to a folder holding MR_small.dcm and friends.");
        }
        return directory;
    }

    public static string Path(string name)
    {
        var path = System.IO.Path.Combine(Directory, name);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} is missing from pydicom's test files; reinstall python3-pydicom ('sudo apt-get install --reinstall python3-pydicom').");
        }
        return path;
    }
}
