using System.Globalization;

namespace IctEngine.Smc.Reference;

/// <summary>
/// Reads the OHLC CSV the reference library is fed: a header naming Date, Open, High, Low, Close and optionally
/// Volume (any case, any order, extra columns ignored), dates as <c>yyyy.MM.dd HH:mm:ss</c> or
/// <c>yyyy-MM-dd HH:mm:ss</c>. Blank lines are skipped like pandas does; anything else malformed is an
/// <see cref="InvalidDataException"/> naming the file, line and field.
/// </summary>
public static class OhlcCsvReader
{
    private static readonly string[] DateFormats =
    [
        "yyyy.MM.dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy.MM.dd HH:mm", "yyyy-MM-dd HH:mm",
        "yyyy-MM-ddTHH:mm:ss", "yyyy.MM.dd", "yyyy-MM-dd",
    ];

    public static OhlcSeries Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static OhlcSeries Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        long lineNumber = 1;
        while (header is not null && header.Trim().Length == 0)
        {
            header = reader.ReadLine();
            lineNumber++;
        }

        if (header is null)
        {
            throw Error(source, 1, "header", "the file is empty; expected a header with Date,Open,High,Low,Close");
        }

        var names = header.Split(',').Select(Unquote).ToArray();
        var date = Find(names, "date");
        var open = Find(names, "open");
        var high = Find(names, "high");
        var low = Find(names, "low");
        var close = Find(names, "close");
        var volume = Find(names, "volume");
        foreach (var (index, name) in new[] { (date, "Date"), (open, "Open"), (high, "High"), (low, "Low"), (close, "Close") })
        {
            if (index < 0)
            {
                throw Error(source, lineNumber, "header", $"missing column '{name}' (found: {header})");
            }
        }

        var times = new List<DateTime>();
        var o = new List<double>();
        var h = new List<double>();
        var l = new List<double>();
        var c = new List<double>();
        var v = new List<double>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length < names.Length)
            {
                throw Error(source, lineNumber, "row", $"expected {names.Length} fields, found {cells.Length}");
            }

            times.Add(ParseDate(cells[date], source, lineNumber, names[date]));
            o.Add(ParseNumber(cells[open], source, lineNumber, names[open]));
            h.Add(ParseNumber(cells[high], source, lineNumber, names[high]));
            l.Add(ParseNumber(cells[low], source, lineNumber, names[low]));
            c.Add(ParseNumber(cells[close], source, lineNumber, names[close]));
            v.Add(volume < 0 ? 0.0 : ParseNumber(cells[volume], source, lineNumber, names[volume]));
        }

        return new OhlcSeries([.. times], [.. o], [.. h], [.. l], [.. c], [.. v]);
    }

    private static int Find(string[] names, string wanted)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], wanted, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Trims blanks and one pair of surrounding double quotes, as pandas reads a quoted field.</summary>
    private static string Unquote(string cell)
    {
        var text = cell.Trim();
        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;
    }

    private static DateTime ParseDate(string cell, string source, long line, string field)
    {
        if (DateTime.TryParseExact(Unquote(cell), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return t;
        }

        throw Error(source, line, field, $"'{cell}' is not a date (yyyy.MM.dd HH:mm:ss or yyyy-MM-dd HH:mm:ss)");
    }

    private static double ParseNumber(string cell, string source, long line, string field)
    {
        if (double.TryParse(Unquote(cell), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x))
        {
            return x;
        }

        throw Error(source, line, field, $"'{cell}' is not a finite number");
    }

    private static InvalidDataException Error(string source, long line, string field, string reason) =>
        new($"{source}:{line}: {field}: {reason}");
}
