using System.Globalization;
using System.Text.RegularExpressions;

namespace IctEngine.Smc.Reference;

/// <summary>
/// A pandas offset alias as <c>DataFrame.resample(rule)</c> uses it with default arguments, reduced to what
/// <c>previous_high_low</c> needs: the label of the bin each timestamp falls in.
/// Fixed-length rules (<c>s</c>, <c>min</c>/<c>T</c>, <c>h</c>/<c>H</c>, <c>D</c>, with a multiple) bin from midnight
/// of the first timestamp's day (origin <c>start_day</c>), closed and labelled left. Anchored rules follow pandas'
/// defaults: week/month/quarter/year ends (<c>W[-DAY]</c>, <c>ME</c>/<c>M</c>, <c>QE</c>/<c>Q[-MON]</c>,
/// <c>YE</c>/<c>Y</c>/<c>A[-MON]</c>) are closed and labelled right with the whole end day inside its bin;
/// starts (<c>MS</c>, <c>QS[-MON]</c>, <c>YS</c>/<c>AS[-MON]</c>) are closed and labelled left.
/// </summary>
public sealed partial class PandasFrequency
{
    private static readonly string[] Weekdays = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private readonly long _tickSize;
    private readonly AnchorKind _anchor;
    private readonly int _multiple;

    // Week: pandas weekday of the anchor (Mon = 0). Month kinds: period in months and residue of the anchor month.
    private readonly int _period;
    private readonly int _residue;

    private PandasFrequency(string alias, long tickSize, AnchorKind anchor, int multiple, int period, int residue)
    {
        Alias = alias;
        _tickSize = tickSize;
        _anchor = anchor;
        _multiple = multiple;
        _period = period;
        _residue = residue;
    }

    private enum AnchorKind
    {
        None,
        Week,
        MonthEnd,
        MonthBegin,
    }

    public string Alias { get; }

    /// <summary>True when bins are closed and labelled on the right (period-end rules).</summary>
    public bool IsRightLabelled => _anchor is AnchorKind.Week or AnchorKind.MonthEnd;

    public static PandasFrequency Parse(string alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        var match = AliasPattern().Match(alias.Trim());
        if (!match.Success)
        {
            throw Invalid(alias);
        }

        var multiple = match.Groups[1].Value.Length == 0
            ? 1
            : int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        if (multiple < 1)
        {
            throw Invalid(alias);
        }

        // pandas upper-cases single-letter prefixes it does not know in lower case: "w" is W, "d" is D and "m" is
        // M, a month end, so "15m" means 15 months (not minutes) exactly as in the library's pandas.
        var unit = match.Groups[2].Value switch
        {
            "w" => "W",
            "m" => "M",
            "q" => "Q",
            "y" or "a" => "Y",
            "t" => "T",
            var other => other,
        };
        var suffix = match.Groups[3].Success ? match.Groups[3].Value.ToUpperInvariant() : null;
        long? tick = unit switch
        {
            "us" or "U" => 10,
            "ms" or "L" => TimeSpan.TicksPerMillisecond,
            "s" or "S" => TimeSpan.TicksPerSecond,
            "min" or "T" or "Min" => TimeSpan.TicksPerMinute,
            "h" or "H" => TimeSpan.TicksPerHour,
            "D" or "d" => TimeSpan.TicksPerDay,
            _ => null,
        };
        if (tick is { } size)
        {
            return suffix is null ? new PandasFrequency(alias, size * multiple, AnchorKind.None, 1, 0, 0) : throw Invalid(alias);
        }

        switch (unit)
        {
            case "W":
                var weekday = suffix is null ? 6 : Array.IndexOf(Weekdays, suffix);
                return weekday < 0 ? throw Invalid(alias) : new PandasFrequency(alias, 0, AnchorKind.Week, multiple, 7, weekday);
            case "ME" or "M" when suffix is null:
                return new PandasFrequency(alias, 0, AnchorKind.MonthEnd, multiple, 1, 0);
            case "MS" when suffix is null:
                return new PandasFrequency(alias, 0, AnchorKind.MonthBegin, multiple, 1, 0);
            case "QE" or "Q":
                return MonthAnchored(alias, AnchorKind.MonthEnd, multiple, 3, suffix, 12);
            case "QS":
                return MonthAnchored(alias, AnchorKind.MonthBegin, multiple, 3, suffix, 1);
            case "YE" or "Y" or "A":
                return MonthAnchored(alias, AnchorKind.MonthEnd, multiple, 12, suffix, 12);
            case "YS" or "AS":
                return MonthAnchored(alias, AnchorKind.MonthBegin, multiple, 12, suffix, 1);
            default:
                throw Invalid(alias);
        }
    }

    /// <summary>
    /// The label of the resample bin of every timestamp, as pandas computes it for this set of timestamps (fixed
    /// rules anchor at midnight of the earliest one).
    /// </summary>
    public DateTime[] BinLabels(IReadOnlyList<DateTime> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var labels = new DateTime[times.Count];
        if (times.Count == 0)
        {
            return labels;
        }

        var min = times[0];
        foreach (var t in times)
        {
            if (t < min)
            {
                min = t;
            }
        }

        var origin = min.Date;
        if (_anchor == AnchorKind.None)
        {
            for (var i = 0; i < labels.Length; i++)
            {
                var offset = (times[i].Ticks - origin.Ticks) / _tickSize * _tickSize;
                labels[i] = new DateTime(origin.Ticks + offset);
            }

            return labels;
        }

        // First binner element: normalize(min) - freq for right-closed rules, rollback(normalize(min)) otherwise.
        var start = IsRightLabelled ? Add(origin, -_multiple) : RollbackIndex(origin);
        for (var i = 0; i < labels.Length; i++)
        {
            var day = times[i].Date;
            long k;
            if (IsRightLabelled)
            {
                // Edges sit at the end of the anchor day: the label is the first binner date on or after the day.
                k = start + (_multiple * CeilDiv(AtOrAfter(day) - start, _multiple));
            }
            else
            {
                k = start + (_multiple * FloorDiv(RollbackIndex(day) - start, _multiple));
            }

            labels[i] = AnchorDate(k);
        }

        return labels;
    }

    private static PandasFrequency MonthAnchored(string alias, AnchorKind kind, int multiple, int period, string? suffix, int defaultMonth)
    {
        var month = suffix is null ? defaultMonth : Array.IndexOf(Months, suffix) + 1;
        if (month < 1)
        {
            throw Invalid(alias);
        }

        return new PandasFrequency(alias, 0, kind, multiple, period, (month - 1) % period);
    }

    private static FormatException Invalid(string alias) => new(
        $"unsupported time frame '{alias}' (pandas aliases such as 15min, 1h, 4h, 1D, W, W-MON, ME, MS, QE, YE)");

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long MonthNumber(DateTime d) => (d.Year * 12L) + d.Month - 1;

    /// <summary>Index of the first anchor date on or after a midnight.</summary>
    private long AtOrAfter(DateTime day)
    {
        switch (_anchor)
        {
            case AnchorKind.Week:
                return CeilDiv(DateOnly.FromDateTime(day).DayNumber - _residue, 7);
            case AnchorKind.MonthEnd:
                return CeilDiv(MonthNumber(day) - _residue, _period);
            default:
                var month = MonthNumber(day) + (day.Day > 1 ? 1 : 0);
                return CeilDiv(month - _residue, _period);
        }
    }

    private bool IsOnOffset(DateTime day) => AnchorDate(AtOrAfter(day)) == day;

    private long RollbackIndex(DateTime day) => IsOnOffset(day) ? AtOrAfter(day) : AtOrAfter(day) - 1;

    /// <summary>pandas <c>day + n * offset</c> for anchored offsets: rolling to the anchor counts as one step.</summary>
    private long Add(DateTime day, int n) => IsOnOffset(day) || n == 0 ? AtOrAfter(day) + n
        : n > 0 ? AtOrAfter(day) + n - 1
        : AtOrAfter(day) + n;

    private DateTime AnchorDate(long index)
    {
        if (_anchor == AnchorKind.Week)
        {
            return DateOnly.FromDayNumber((int)((index * 7) + _residue)).ToDateTime(TimeOnly.MinValue);
        }

        var month = (index * _period) + _residue;
        var first = new DateTime((int)(month / 12), (int)(month % 12) + 1, 1);
        return _anchor == AnchorKind.MonthEnd ? first.AddMonths(1).AddDays(-1) : first;
    }

    [GeneratedRegex("^([0-9]*)([A-Za-z]+)(?:-([A-Za-z]{3}))?$")]
    private static partial Regex AliasPattern();
}
