namespace IctEngine.Smc.Reference;

/// <summary>
/// The output frame of a reference function: named columns, one row per input bar, written the way pandas
/// <c>to_csv(index=False)</c> writes it (header line, LF line ends, empty cell for NaN) so it can be compared with
/// the library's fixtures cell for cell.
/// </summary>
public sealed class ReferenceTable
{
    public ReferenceTable(params ReferenceColumn[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
        {
            throw new ArgumentException("A reference table needs at least one column.", nameof(columns));
        }

        var rows = columns[0].Values.Length;
        foreach (var column in columns)
        {
            if (column.Values.Length != rows)
            {
                throw new ArgumentException($"Column {column.Name} has {column.Values.Length} rows, expected {rows}.");
            }
        }

        Columns = columns;
        RowCount = rows;
    }

    public IReadOnlyList<ReferenceColumn> Columns { get; }

    public int RowCount { get; }

    public ReferenceColumn this[string name]
    {
        get
        {
            foreach (var column in Columns)
            {
                if (column.Name == name)
                {
                    return column;
                }
            }

            throw new KeyNotFoundException($"No column named {name}.");
        }
    }

    public string Header => string.Join(',', Columns.Select(c => c.Name));

    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header);
        writer.Write('\n');
        for (var row = 0; row < RowCount; row++)
        {
            for (var c = 0; c < Columns.Count; c++)
            {
                if (c > 0)
                {
                    writer.Write(',');
                }

                writer.Write(Columns[c].Format(row));
            }

            writer.Write('\n');
        }
    }

    public void WriteCsv(string path)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        WriteCsv(writer);
    }

    public string ToCsv()
    {
        using var writer = new StringWriter();
        WriteCsv(writer);
        return writer.ToString();
    }
}
