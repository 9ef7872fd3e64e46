using BenchmarkDotNet.Running;
using IctEngine.Bench.Harness;

namespace IctEngine.Bench;

/// <summary>
/// Benchmarks entry point. A first argument naming a harness (<c>ring</c>, <c>pipeline</c>, ...) runs that
/// harness, which prints a table and can write JSON; anything else goes to BenchmarkDotNet's switcher.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var harnesses = HarnessRegistry.Discover();
        if (args.Length > 0 && harnesses.TryGetValue(args[0], out var harness))
        {
            return harness.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] is "--list-harnesses")
        {
            foreach (var name in harnesses.Keys.Order())
            {
                Console.WriteLine($"{name,-12} {harnesses[name].Description}");
            }

            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
