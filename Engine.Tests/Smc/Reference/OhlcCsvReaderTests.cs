using IctEngine.Smc.Reference;
using NUnit.Framework;

namespace IctEngine.Tests.Smc.Reference;

[TestFixture]
public sealed class OhlcCsvReaderTests
{
    [Test]
    public void Read_AnyCaseExtraColumnsIsoDateNoTrailingNewline_ReadsEveryRow()
    {
        const string csv = "date,OPEN,high,Low,close,Spread,VOLUME\n2024-01-02 03:04:05,1.5,2,1,1.75,9,12\n2024-01-02 03:19:05,1.75,2.5,1.5,2,9,3";

        var bars = OhlcCsvReader.Read(new StringReader(csv), "mem.csv");

        Assert.That(bars.Count, Is.EqualTo(2));
        Assert.That(bars.Times[1], Is.EqualTo(new DateTime(2024, 1, 2, 3, 19, 5)));
        Assert.That(bars.High, Is.EqualTo(new[] { 2, 2.5 }));
        Assert.That(bars.Volume, Is.EqualTo(new[] { 12.0, 3.0 }));
    }

    [Test]
    public void Read_MetaTraderDateWithoutVolume_VolumeIsZero()
    {
        const string csv = "Date,Open,High,Low,Close\r\n2022.10.10 00:00:00,0.97312,0.97369,0.97312,0.97357\r\n";

        var bars = OhlcCsvReader.Read(new StringReader(csv), "mem.csv");

        Assert.That(bars.Times[0], Is.EqualTo(new DateTime(2022, 10, 10)));
        Assert.That(bars.Close[0], Is.EqualTo(0.97357));
        Assert.That(bars.Volume[0], Is.Zero);
    }

    [Test]
    public void Read_QuotedFields_Unquoted()
    {
        const string csv = "\"Date\",\"Open\",\"High\",\"Low\",\"Close\"\n\"2024-01-02 00:00:00\",\"1\",\"2\",\"0.5\",\"1.5\"\n";

        var bars = OhlcCsvReader.Read(new StringReader(csv), "mem.csv");

        Assert.That(bars.Low[0], Is.EqualTo(0.5));
    }

    [Test]
    public void Read_FixtureInput_Reads24424Bars()
    {
        var bars = OhlcCsvReader.Read(SmcFixtures.InputPath);

        Assert.That(bars.Count, Is.EqualTo(24424));
        Assert.That(bars.Times[^1], Is.EqualTo(new DateTime(2023, 10, 2, 6, 45, 0)));
    }

    [Test]
    public void Read_BadNumber_NamesFileLineAndField()
    {
        const string csv = "Date,Open,High,Low,Close\n2024-01-02 00:00:00,1,2,1,1\n2024-01-02 00:15:00,1,x2,1,1\n";

        var e = Assert.Throws<InvalidDataException>(() => OhlcCsvReader.Read(new StringReader(csv), "bars.csv"));

        Assert.That(e!.Message, Does.StartWith("bars.csv:3: High:").And.Contain("x2"));
    }

    [Test]
    public void Read_BadDate_NamesTheField()
    {
        const string csv = "Date,Open,High,Low,Close\n02/01/2024,1,2,1,1\n";

        var e = Assert.Throws<InvalidDataException>(() => OhlcCsvReader.Read(new StringReader(csv), "bars.csv"));

        Assert.That(e!.Message, Does.StartWith("bars.csv:2: Date:"));
    }

    [Test]
    public void Read_MissingClose_SaysWhichColumn()
    {
        var e = Assert.Throws<InvalidDataException>(() => OhlcCsvReader.Read(new StringReader("Date,Open,High,Low\n"), "bars.csv"));

        Assert.That(e!.Message, Does.Contain("missing column 'Close'"));
    }

    [Test]
    public void Read_ShortRow_ReportsFieldCount()
    {
        const string csv = "Date,Open,High,Low,Close\n2024-01-02 00:00:00,1,2,1\n";

        var e = Assert.Throws<InvalidDataException>(() => OhlcCsvReader.Read(new StringReader(csv), "bars.csv"));

        Assert.That(e!.Message, Does.StartWith("bars.csv:2: row:"));
    }

    [Test]
    public void Read_EmptyFile_Throws()
    {
        Assert.Throws<InvalidDataException>(() => OhlcCsvReader.Read(new StringReader(string.Empty), "bars.csv"));
    }
}
