namespace IctEngine.Bench.Harness;

/// <summary>Finds every <see cref="IHarness"/> in this assembly, so adding a harness is adding one file.</summary>
public static class HarnessRegistry
{
    public static Dictionary<string, IHarness> Discover()
    {
        var result = new Dictionary<string, IHarness>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in typeof(HarnessRegistry).Assembly.GetTypes())
        {
            if (type.IsClass && !type.IsAbstract && typeof(IHarness).IsAssignableFrom(type))
            {
                var harness = (IHarness)Activator.CreateInstance(type)!;
                result.Add(harness.Name, harness);
            }
        }

        return result;
    }
}
