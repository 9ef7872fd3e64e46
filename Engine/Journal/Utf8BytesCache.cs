using System.Text;

namespace IctEngine.Journal;

/// <summary>
/// The UTF-8 bytes of the strings an append binds over and over (event types, the run id), so binding them does
/// not encode a string per event. Keyed by reference first (the journal passes the same instances), then by value.
/// </summary>
internal sealed class Utf8BytesCache
{
    private readonly Dictionary<string, byte[]> _bytes = new(StringComparer.Ordinal);
    private string? _lastKey;
    private byte[] _lastValue = [];

    public ReadOnlySpan<byte> Get(string value)
    {
        if (ReferenceEquals(value, _lastKey))
        {
            return _lastValue;
        }

        if (!_bytes.TryGetValue(value, out var bytes))
        {
            bytes = Encoding.UTF8.GetBytes(value);
            if (_bytes.Count < 4096)
            {
                _bytes[value] = bytes;
            }
        }

        _lastKey = value;
        _lastValue = bytes;
        return bytes;
    }
}
