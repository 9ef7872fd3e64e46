using System.Runtime.CompilerServices;

namespace IctEngine.Ticks;

/// <summary>Walks the separated fields of one line without allocating; an empty field is still a field.</summary>
internal ref struct Utf8FieldCursor
{
    private ReadOnlySpan<byte> _rest;
    private readonly byte _separator;
    private bool _done;

    public Utf8FieldCursor(ReadOnlySpan<byte> line, byte separator)
    {
        _rest = line;
        _separator = separator;
        _done = false;
    }

    /// <summary>Fields not read yet remain.</summary>
    public readonly bool HasMore => !_done;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Next(out ReadOnlySpan<byte> field)
    {
        if (_done)
        {
            field = default;
            return false;
        }

        var at = _rest.IndexOf(_separator);
        if (at < 0)
        {
            field = _rest;
            _rest = default;
            _done = true;
            return true;
        }

        field = _rest[..at];
        _rest = _rest[(at + 1)..];
        return true;
    }
}
