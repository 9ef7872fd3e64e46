namespace IctEngine.Journal;

/// <summary>
/// An append's expected version did not match the stream's current version (another writer got there first, or
/// the caller's view is stale). Nothing of the append was written.
/// </summary>
public sealed class WrongExpectedVersionException : Exception
{
    public WrongExpectedVersionException(string stream, ExpectedVersion expected, long actualVersion, Exception? inner = null)
        : base(Describe(stream, expected, actualVersion), inner)
    {
        Stream = stream;
        Expected = expected;
        ActualVersion = actualVersion;
    }

    public string Stream { get; }

    public ExpectedVersion Expected { get; }

    /// <summary>The stream's version when the append was attempted: -1 when it did not exist, or when unknown (a concurrent commit).</summary>
    public long ActualVersion { get; }

    private static string Describe(string stream, ExpectedVersion expected, long actual) =>
        $"Append to stream '{stream}' expected version {expected} but the stream is at "
        + (actual < 0 ? "no stream" : actual.ToString(System.Globalization.CultureInfo.InvariantCulture))
        + "; nothing was written.";
}
