using NUnit.Framework;

namespace IctEngine.Tests.Support;

/// <summary>Finds the repository's bundled <c>samples/</c> folder from the test output directory.</summary>
public static class SampleData
{
    /// <summary>The path of a file under <c>samples/</c>; ignores the test when the repository is not around it.</summary>
    public static string Path(string relative)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir != null)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "samples", relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        Assert.Ignore($"samples/{relative} not present");
        return "";
    }
}
