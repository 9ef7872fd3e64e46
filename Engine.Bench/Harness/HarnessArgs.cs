namespace IctEngine.Bench.Harness;

/// <summary>The options every harness shares: <c>--quick</c>, <c>--json FILE</c>, <c>--runs N</c>.</summary>
public sealed class HarnessArgs
{
    public bool Quick { get; private init; }

    public string? JsonPath { get; private init; }

    public int Runs { get; private init; } = 3;

    public IReadOnlyList<string> Rest { get; private init; } = [];

    /// <summary>The argument after <paramref name="name"/> in <see cref="Rest"/> (e.g. <c>--only a,b</c>), or null.</summary>
    public string? Value(string name)
    {
        for (var i = 0; i + 1 < Rest.Count; i++)
        {
            if (Rest[i] == name)
            {
                return Rest[i + 1];
            }
        }

        return null;
    }

    public static HarnessArgs Parse(string[] args)
    {
        var quick = false;
        string? json = null;
        var runs = 3;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--json" when i + 1 < args.Length:
                    json = args[++i];
                    break;
                case "--runs" when i + 1 < args.Length:
                    runs = Math.Max(3, int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return new HarnessArgs { Quick = quick, JsonPath = json, Runs = runs, Rest = rest };
    }
}
