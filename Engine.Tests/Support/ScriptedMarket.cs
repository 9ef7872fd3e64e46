using IctEngine.Smc;
using IctEngine.Ticks;

namespace IctEngine.Tests.Support;

/// <summary>
/// A reproducible market for scenario and determinism tests: a seeded random walk on EURUSD, GBPUSD and USDJPY
/// (one tick a second, across a Prague midnight) with a market or limit signal every 150 ticks.
/// </summary>
public static class ScriptedMarket
{
    public static void Run(RiskExecutionRig rig, int ticks, ulong seed)
    {
        var state = seed;
        string[] symbols = ["EURUSD", "GBPUSD", "USDJPY"];
        long[] mids = [110_000, 127_000, 150_000];
        long[] spreads = [10, 15, 12];
        var start = IctEngine.Core.Timestamp.Parse("2024-03-04 20:00:00").UnixNanoseconds;
        for (var i = 0; i < ticks; i++)
        {
            var s = i % symbols.Length;
            var t = start + (i * 1_000_000_000L);
            mids[s] += (long)(Next(ref state) % 41) - 20;
            var bid = mids[s] - (spreads[s] / 2);
            var symbolId = rig.Id(symbols[s]);
            rig.Tick(new Tick(t, bid, bid + spreads[s], symbolId));
            if (i % 150 != 149)
            {
                continue;
            }

            var direction = Next(ref state) % 2 == 0 ? 1 : -1;
            var stop = 100 + (long)(Next(ref state) % 200);
            var isLimit = Next(ref state) % 3 == 0;
            var entry = isLimit ? mids[s] - (direction * 30) : mids[s];
            rig.Signal(new Signal
            {
                Id = i, SymbolId = symbolId, Direction = direction, TimeNs = t, IsLimit = isLimit, Entry = isLimit ? entry : 0,
                StopLoss = entry - (direction * stop), TakeProfit = entry + (direction * stop * 2),
                ExpiresAtNs = isLimit ? t + (600 * 1_000_000_000L) : 0,
            }, t + 1);
        }
    }

    private static ulong Next(ref ulong state)
    {
        // SplitMix64: a fixed, platform-independent sequence.
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
