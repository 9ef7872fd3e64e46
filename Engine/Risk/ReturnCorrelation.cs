using System.Runtime.CompilerServices;

namespace IctEngine.Risk;

/// <summary>
/// Rolling Pearson correlation of bar returns between symbols, built from the ticks risk sees (its own bars of a
/// configurable period, independent of the SMC bar builder). Each symbol keeps close-to-close mid returns in parts
/// per billion in a ring indexed by bar number, so two symbols are compared on the bars both traded. O(1) per tick;
/// the correlation itself (a statistic, not a price) is computed in <see cref="double"/> when a signal asks.
/// </summary>
public sealed class ReturnCorrelation
{
    private readonly long _periodNs;
    private readonly int _window;
    private readonly long[] _bar;
    private readonly long[] _barStart;
    private readonly long[] _close;
    private readonly long[] _previousClose;
    private readonly long[][] _returns;
    private readonly long[][] _returnBar;

    public ReturnCorrelation(int symbols, TimeSpan barPeriod, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        _periodNs = barPeriod.Ticks * 100;
        ArgumentOutOfRangeException.ThrowIfLessThan(_periodNs, 1);
        _window = window;
        _bar = new long[symbols];
        _barStart = new long[symbols];
        _close = new long[symbols];
        _previousClose = new long[symbols];
        _returns = new long[symbols][];
        _returnBar = new long[symbols][];
        for (var i = 0; i < symbols; i++)
        {
            _bar[i] = long.MinValue;
            _barStart[i] = long.MinValue;
            _returns[i] = new long[window];
            _returnBar[i] = new long[window];
            Array.Fill(_returnBar[i], long.MinValue);
        }
    }

    /// <summary>Feeds one accepted tick's mid (bid + ask, i.e. twice the mid: ratios do not care).</summary>
    public void OnTick(int symbolId, long timeNs, long midTimesTwo)
    {
        // A compare against the bar's bounds; the 64-bit division only when the tick leaves the bar.
        if ((ulong)(timeNs - _barStart[symbolId]) >= (ulong)_periodNs)
        {
            Roll(symbolId, timeNs);
        }

        _close[symbolId] = midTimesTwo;
    }

    /// <summary>Correlation over the bars both symbols have in the window, or NaN with fewer than <paramref name="minBars"/>.</summary>
    public double Correlation(int a, int b, int minBars)
    {
        double n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        var ra = _returns[a];
        var rb = _returns[b];
        var ba = _returnBar[a];
        var bb = _returnBar[b];
        for (var i = 0; i < _window; i++)
        {
            if (ba[i] == long.MinValue || ba[i] != bb[i])
            {
                continue;
            }

            double x = ra[i], y = rb[i];
            n++;
            sa += x;
            sb += y;
            saa += x * x;
            sbb += y * y;
            sab += x * y;
        }

        if (n < minBars)
        {
            return double.NaN;
        }

        var cov = sab - (sa * sb / n);
        var va = saa - (sa * sa / n);
        var vb = sbb - (sb * sb / n);
        return va <= 0 || vb <= 0 ? 0 : cov / Math.Sqrt(va * vb);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Roll(int symbolId, long timeNs)
    {
        var bar = timeNs / _periodNs;
        _barStart[symbolId] = bar * _periodNs;
        if (bar != _bar[symbolId])
        {
            CloseBar(symbolId);
            _bar[symbolId] = bar;
        }
    }

    private void CloseBar(int symbolId)
    {
        var bar = _bar[symbolId];
        var close = _close[symbolId];
        if (bar == long.MinValue || close == 0)
        {
            return;
        }

        var previous = _previousClose[symbolId];
        if (previous != 0)
        {
            var slot = (int)(bar % _window);
            _returns[symbolId][slot] = (close - previous) * 1_000_000_000L / previous;
            _returnBar[symbolId][slot] = bar;
        }

        _previousClose[symbolId] = close;
    }
}
