using IctEngine.Core;

namespace IctEngine.Host;

/// <summary>Loads the instruments file given with <c>--instruments</c>, or the built-in catalogue.</summary>
public static class InstrumentsOption
{
    public static InstrumentCatalog Load(string? path) =>
        path is null ? InstrumentCatalog.Default
        : File.Exists(path) ? InstrumentCatalog.Load(path)
        : throw new UsageException($"--instruments: {path} does not exist.");
}
