using IctEngine.Ticks;

namespace IctEngine.Tests.Support;

/// <summary>Builds tick sequences and scratch store files for the store tests.</summary>
public static class TickStoreFiles
{
    public static string NewPath() => Path.Combine(Path.GetTempPath(), $"store-{Guid.NewGuid():N}.ticks");

    /// <summary>Ticks whose every field is derived from the generated values (all bit patterns exercised).</summary>
    public static Tick[] FromValues(long[] values) =>
        values.Select((v, i) => new Tick
        {
            TimeNs = v,
            Bid = v ^ 0x5A5A5A5A,
            Ask = (v >> 3) + i,
            BidVolume = i,
            AskVolume = ~v,
            SymbolId = 0,
            Flags = (TickFlags)(i & 126),
        }).ToArray();

    public static List<Tick> ReadAll(string path) => ReadAll(new TickStoreReader(path));

    public static List<Tick> ReadAll(TickStoreReader reader)
    {
        using (reader)
        {
            return TickTestData.ReadAll(reader, 1000);
        }
    }
}
