using System.Runtime.InteropServices;
using System.Text;

namespace IctEngine.Journal;

/// <summary>
/// The UTF-8 bytes of the strings an append binds over and over (event types, the run id) in native memory that
/// stays put until <see cref="Dispose"/>, so the SQLite store binds them without SQLite copying them
/// (<see cref="SqliteNativeBinds.BindStaticText"/>) and can tell that a statement slot already holds the same
/// text (same pointer) and skip the bind. Looked up by reference first (the journal passes the same instances),
/// then by value; strings beyond <see cref="MaxEntries"/> distinct values are not cached (null pointer: the caller
/// copies them).
/// </summary>
internal sealed unsafe class NativeUtf8Cache : IDisposable
{
    private const int MaxEntries = 4096;

    private readonly Dictionary<string, Entry> _byReference = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Entry> _byValue = new(StringComparer.Ordinal);
    private readonly List<nint> _blocks = [];
    private string? _lastKey;
    private Entry _last;

    /// <summary>The cached UTF-8 of <paramref name="value"/>: a pointer (never null for a cached string; 1 byte is allocated for "") and a length.</summary>
    public Entry Get(string value)
    {
        if (ReferenceEquals(value, _lastKey))
        {
            return _last;
        }

        if (!_byReference.TryGetValue(value, out var entry))
        {
            entry = GetByValue(value);
        }

        _lastKey = value;
        _last = entry;
        return entry;
    }

    public void Dispose()
    {
        foreach (var block in _blocks)
        {
            NativeMemory.Free((void*)block);
        }

        _blocks.Clear();
        _byReference.Clear();
        _byValue.Clear();
        _lastKey = null;
        _last = default;
    }

    private Entry GetByValue(string value)
    {
        if (!_byValue.TryGetValue(value, out var entry))
        {
            if (_byValue.Count >= MaxEntries)
            {
                return default;
            }

            var length = Encoding.UTF8.GetByteCount(value);
            var block = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, length));
            _blocks.Add((nint)block);
            Encoding.UTF8.GetBytes(value, new Span<byte>(block, length));
            entry = new Entry(block, length);
            _byValue[value] = entry;
        }

        if (_byReference.Count < MaxEntries)
        {
            _byReference[value] = entry;
        }

        return entry;
    }

    /// <summary>A cached string's UTF-8: <see cref="Pointer"/> is null when the string was not cached.</summary>
    public readonly struct Entry(byte* pointer, int length)
    {
        public byte* Pointer { get; } = pointer;

        public int Length { get; } = length;
    }
}
