using IctEngine.Core;
using NUnit.Framework;

namespace IctEngine.Tests.Core;

[TestFixture]
public sealed class PagePrefaultTests
{
    [Test]
    public void Touch_ArrayWithData_ContentsUnchangedOnePagePerPageSize()
    {
        var array = new long[10_000];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = (i * 7919L) - 3;
        }

        var expected = (long[])array.Clone();
        var pages = PagePrefault.Touch(array);

        Assert.Multiple(() =>
        {
            Assert.That(array, Is.EqualTo(expected));
            Assert.That(pages, Is.EqualTo(((array.Length * 8L) + Environment.SystemPageSize - 1) / Environment.SystemPageSize));
        });
    }

    [Test]
    public void Touch_EmptyOrReferenceHoldingArray_TouchesNothing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PagePrefault.Touch(Array.Empty<int>()), Is.Zero);
            Assert.That(PagePrefault.Touch(new KeyValuePair<string, int>[1000]), Is.Zero);
        });
    }

    [Test]
    public void Touch_FreshLargeArray_BecomesResident()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Reads RssAnon from /proc/self/status, Linux only.");
        }

        const int size = 64 << 20;
        var array = new byte[size];
        var before = RssAnonBytes();
        PagePrefault.Touch(array);
        var after = RssAnonBytes();
        GC.KeepAlive(array);

        // A fresh large array is lazily mapped: it becomes resident only when written, which Touch does for every page.
        Assert.That(after - before, Is.GreaterThan(size * 0.9), $"RssAnon before {before:N0}, after {after:N0}");
    }

    private static long RssAnonBytes()
    {
        var line = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("RssAnon:", StringComparison.Ordinal));
        return long.Parse(line.Split(':')[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
