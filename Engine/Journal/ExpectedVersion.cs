using System.Globalization;

namespace IctEngine.Journal;

/// <summary>
/// The optimistic-concurrency condition of an append, as in EventStoreDB: <see cref="Any"/> (no check),
/// <see cref="NoStream"/> (the stream must not exist yet) or an exact version (the stream's last event must have
/// that version; the first event of a stream is version 0).
/// </summary>
public readonly record struct ExpectedVersion
{
    private const long AnyValue = -2;
    private const long NoStreamValue = -1;

    private ExpectedVersion(long value) => Value = value;

    /// <summary>-2 for <see cref="Any"/>, -1 for <see cref="NoStream"/>, otherwise the exact version.</summary>
    public long Value { get; }

    public static ExpectedVersion Any => new(AnyValue);

    public static ExpectedVersion NoStream => new(NoStreamValue);

    public bool IsAny => Value == AnyValue;

    public static ExpectedVersion Exact(long version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return new ExpectedVersion(version);
    }

    /// <summary>True when a stream whose last version is <paramref name="currentVersion"/> (-1: none) satisfies this.</summary>
    public bool IsSatisfiedBy(long currentVersion) => Value == AnyValue || Value == currentVersion;

    public override string ToString() => Value switch
    {
        AnyValue => "any",
        NoStreamValue => "no stream",
        _ => Value.ToString(CultureInfo.InvariantCulture),
    };
}
