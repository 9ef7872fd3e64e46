using BenchmarkDotNet.Attributes;
using IctEngine.Smc.Reference;

namespace IctEngine.Bench.Smc;

/// <summary>
/// The reference batch functions on the library's fixture input (24,424 EURUSD 15-minute bars, swing length 5 as
/// in its tests). Batch cost, not per-tick cost: these run once per file.
/// Run: <c>dotnet run -c Release --project Engine.Bench -- --filter *ReferenceSmcBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class ReferenceSmcBenchmarks
{
    private OhlcSeries _bars = null!;
    private SwingHighsLowsResult _swings = null!;
    private PandasFrequency _daily = null!;
    private TradingSession _london = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bars = OhlcCsvReader.Read(FindFixture());
        _swings = ReferenceSmc.SwingHighsLows(_bars, 5);
        _daily = PandasFrequency.Parse("1D");
        _london = TradingSession.Resolve("London");
    }

    [Benchmark]
    public OhlcSeries ReadCsv() => OhlcCsvReader.Read(FindFixture());

    [Benchmark]
    public SwingHighsLowsResult SwingHighsLows() => ReferenceSmc.SwingHighsLows(_bars, 5);

    [Benchmark]
    public FvgResult Fvg() => ReferenceSmc.Fvg(_bars);

    [Benchmark]
    public BosChochResult BosChoch() => ReferenceSmc.BosChoch(_bars, _swings);

    [Benchmark]
    public OrderBlocksResult OrderBlocks() => ReferenceSmc.OrderBlocks(_bars, _swings);

    [Benchmark]
    public LiquidityResult Liquidity() => ReferenceSmc.Liquidity(_bars, _swings);

    [Benchmark]
    public PreviousHighLowResult PreviousHighLow() => ReferenceSmc.PreviousHighLow(_bars, _daily);

    [Benchmark]
    public SessionsResult Sessions() => ReferenceSmc.Sessions(_bars, _london);

    [Benchmark]
    public RetracementsResult Retracements() => ReferenceSmc.Retracements(_bars, _swings);

    [Benchmark]
    public string WriteCsv() => ReferenceSmc.OrderBlocks(_bars, _swings).ToTable().ToCsv();

    /// <summary>The fixture copied into the test project; BenchmarkDotNet runs from a generated folder under bin, so walk up.</summary>
    private static string FindFixture()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ICT_SMC_BARS");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Engine.Tests", "TestData", "Smc", "EURUSD_15M.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("EURUSD_15M.csv not found above " + AppContext.BaseDirectory + " (set ICT_SMC_BARS)");
    }
}
