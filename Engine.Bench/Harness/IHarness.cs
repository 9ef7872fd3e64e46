namespace IctEngine.Bench.Harness;

/// <summary>A named benchmark run (<c>dotnet run -c Release --project Engine.Bench -- NAME [--quick] [--json FILE]</c>).</summary>
public interface IHarness
{
    string Name { get; }

    string Description { get; }

    int Run(string[] args);
}
