namespace Koperasi.Testing;

/// <summary>Finds the repository root (the folder holding Koperasi.Functions.sln) from wherever a test runs.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Koperasi.Functions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Koperasi.Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
