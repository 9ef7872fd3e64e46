using System.Text;

namespace IctEngine.Journal;

/// <summary>
/// Turns the few distinct UTF-8 strings a read returns over and over (event types, run ids) into shared
/// <see cref="string"/> instances, so reading a million events does not allocate a million copies of "BarClosed".
/// Linear probe over a small table: a journal has tens of types and a handful of runs.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int Capacity = 256;
    private readonly byte[][] _keys = new byte[Capacity][];
    private readonly string[] _values = new string[Capacity];
    private int _count;
    private int _last;

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (_count > 0 && utf8.SequenceEqual(_keys[_last]))
        {
            return _values[_last];
        }

        for (var i = 0; i < _count; i++)
        {
            if (utf8.SequenceEqual(_keys[i]))
            {
                _last = i;
                return _values[i];
            }
        }

        var value = Encoding.UTF8.GetString(utf8);
        if (_count < Capacity)
        {
            _keys[_count] = utf8.ToArray();
            _values[_count] = value;
            _last = _count;
            _count++;
        }

        return value;
    }
}
