using System.Text.Json;
using System.Text.Json.Serialization;

namespace IctEngine.Core;

/// <summary>
/// The instruments the engine knows, indexed densely so that the hot path carries an <see cref="int"/> id.
/// Loaded from an instruments JSON file; <see cref="Default"/> is the file built into the engine.
/// </summary>
public sealed class InstrumentCatalog
{
    // Declared before Default: static initializers run in text order.
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly Instrument[] _byId;
    private readonly Dictionary<string, Instrument> _bySymbol;

    public InstrumentCatalog(IEnumerable<Instrument> instruments)
    {
        var list = new List<Instrument>();
        _bySymbol = new Dictionary<string, Instrument>(StringComparer.OrdinalIgnoreCase);
        foreach (var instrument in instruments)
        {
            if (instrument.Digits is < 0 or > 10 || instrument.PipDigits > instrument.Digits || instrument.PipDigits < 0)
            {
                throw new InvalidDataException($"Instrument {instrument.Symbol}: digits {instrument.Digits} / pipDigits {instrument.PipDigits} are inconsistent.");
            }

            if (!_bySymbol.TryAdd(instrument.Symbol, instrument))
            {
                throw new InvalidDataException($"Instrument {instrument.Symbol} is defined twice.");
            }

            instrument.Id = list.Count;
            list.Add(instrument);
        }

        _byId = [.. list];
    }

    /// <summary>The built-in defaults for EURUSD, GBPUSD, NZDUSD, USDJPY, GBPJPY and XAUUSD (USD account).</summary>
    public static InstrumentCatalog Default { get; } = LoadDefault();

    public int Count => _byId.Length;

    public IReadOnlyList<Instrument> All => _byId;

    public Instrument this[int id] => _byId[id];

    public Instrument Get(string symbol) =>
        _bySymbol.TryGetValue(symbol, out var instrument)
            ? instrument
            : throw new KeyNotFoundException($"Unknown instrument '{symbol}'. Known: {string.Join(", ", _bySymbol.Keys)}.");

    public bool TryGet(string symbol, out Instrument instrument) => _bySymbol.TryGetValue(symbol, out instrument!);

    /// <summary>Reads an instruments file (a JSON array of instruments; property names are camelCase).</summary>
    public static InstrumentCatalog Load(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return Load(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid instruments file: {e.Message}", e);
        }
    }

    public static InstrumentCatalog Load(Stream json)
    {
        var file = JsonSerializer.Deserialize<InstrumentFile>(json, JsonOptions)
            ?? throw new InvalidDataException("The instruments file is empty.");
        return new InstrumentCatalog(file.Instruments);
    }

    /// <summary>A copy of this catalogue with one more instrument (e.g. a symbol remapped for benchmarks).</summary>
    public InstrumentCatalog With(IEnumerable<Instrument> extra) => new(_byId.Select(Clone).Concat(extra));

    private static Instrument Clone(Instrument i) => i.WithSymbol(i.Symbol);

    private static InstrumentCatalog LoadDefault()
    {
        using var stream = typeof(InstrumentCatalog).Assembly.GetManifestResourceStream("IctEngine.instruments.json")
            ?? throw new InvalidOperationException("The built-in instruments.json resource is missing.");
        return Load(stream);
    }

    private sealed class InstrumentFile
    {
        public string? AccountCurrency { get; init; }

        public List<Instrument> Instruments { get; init; } = [];
    }
}
