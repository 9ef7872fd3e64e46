using IctEngine.Smc.Reference;
using NUnit.Framework;

namespace IctEngine.Tests.Smc.Reference;

[TestFixture]
public sealed class ReferenceTableTests
{
    [Test]
    public void ToCsv_MixedColumns_WritesPandasStyle()
    {
        var table = new ReferenceTable(
            new ReferenceColumn("A", ReferenceColumnType.Float64, [1, double.NaN]),
            new ReferenceColumn("B", ReferenceColumnType.Float32, [(float)0.97345555, 0]),
            new ReferenceColumn("C", ReferenceColumnType.Int32, [0, -1]));

        Assert.That(table.ToCsv(), Is.EqualTo("A,B,C\n1.0,0.97345555,0\n,0.0,-1\n"));
    }

    [Test]
    public void Indexer_KnownName_ReturnsColumn()
    {
        var table = new SwingHighsLowsResult([1.0], [2.0]).ToTable();

        Assert.That(table["Level"].Values, Is.EqualTo(new[] { 2.0 }));
        Assert.Throws<KeyNotFoundException>(() => _ = table["Nope"]);
    }

    [Test]
    public void Constructor_ColumnsOfDifferentLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => _ = new ReferenceTable(
            new ReferenceColumn("A", ReferenceColumnType.Float64, [1.0]),
            new ReferenceColumn("B", ReferenceColumnType.Float64, [1.0, 2.0])));
    }

    [Test]
    public void WriteCsv_ToFile_NoByteOrderMark()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ict-table-{Guid.NewGuid():N}.csv");
        try
        {
            new ReferenceTable(new ReferenceColumn("A", ReferenceColumnType.Int32, [1.0])).WriteCsv(path);

            Assert.That(File.ReadAllBytes(path), Is.EqualTo("A\n1\n"u8.ToArray()));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
