using Xunit;

namespace Radiogenomics.Tables.Tests;

/// <summary>How the native library is found (the search itself; the real load happens once per process).</summary>
public class DuckDbLibraryTests
{
    private static string FakeLibrary(string root)
    {
        var folder = Path.Combine(root, ".deps", "duckdb");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, DuckDbLibrary.NativeFileName);
        File.WriteAllText(file, "");
        return file;
    }

    [Fact]
    public void Environment_variable_wins()
    {
        using var dir = new TempDirectory();
        var explicitFile = dir.File("custom-duckdb.so");
        File.WriteAllText(explicitFile, "");
        FakeLibrary(dir.Path);
        Assert.Equal(explicitFile, DuckDbLibrary.Locate(explicitFile, [dir.Path], null, []));
    }

    [Fact]
    public void Environment_variable_pointing_nowhere_is_an_error_that_names_it()
    {
        var error = Assert.Throws<DllNotFoundException>(() => DuckDbLibrary.Locate("/nowhere/libduckdb.so", [], null, []));
        Assert.Contains(DuckDbLibrary.EnvironmentVariable, error.Message);
        Assert.Contains("/nowhere/libduckdb.so", error.Message);
    }

    [Fact]
    public void Deps_folder_is_found_by_walking_up_from_a_start_directory()
    {
        using var dir = new TempDirectory();
        var expected = FakeLibrary(dir.Path);
        var deep = Directory.CreateDirectory(Path.Combine(dir.Path, "tests", "bin", "Release", "net10.0")).FullName;
        Assert.Equal(expected, DuckDbLibrary.Locate(null, [deep], null, []));
    }

    [Fact]
    public void Assembly_folder_is_the_last_explicit_place()
    {
        using var dir = new TempDirectory();
        var file = dir.File(DuckDbLibrary.NativeFileName);
        File.WriteAllText(file, "");
        Assert.Equal(file, DuckDbLibrary.Locate(null, [], dir.Path, []));
    }

    [Fact]
    public void Not_finding_it_explains_where_it_looked_and_how_to_fetch_it()
    {
        using var dir = new TempDirectory();
        var looked = new List<string>();
        Assert.Null(DuckDbLibrary.Locate(null, [dir.Path], dir.Path, looked));
        var message = DuckDbLibrary.NotFoundMessage(looked);
        Assert.Contains(dir.Path, message);
        Assert.Contains(DuckDbLibrary.EnvironmentVariable, message);
        Assert.Contains("./build.sh", message);
    }
}
