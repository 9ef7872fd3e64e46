using IctEngine.Core;

namespace IctEngine.Smc.Structure;

/// <summary>
/// Counts of what the SMC stage decided, by decision type and code, for the replay summary. Written by the stage
/// thread only; read it after the run (or accept slightly stale values live).
/// </summary>
public sealed class SmcCounts
{
    private const int FirstType = 100;
    private const int TypeSpan = 103;
    private const int CodeSpan = 64;
    private readonly long[] _counts = new long[TypeSpan * CodeSpan];

    /// <summary>Records one decision; codes outside -31..32 share the clamped buckets.</summary>
    public void Add(DecisionType type, int code)
    {
        var t = (int)type - FirstType;
        if ((uint)t >= TypeSpan)
        {
            return;
        }

        _counts[(t * CodeSpan) + Bucket(type, code)]++;
    }

    public long Get(DecisionType type, int code)
    {
        var t = (int)type - FirstType;
        return (uint)t >= TypeSpan ? 0 : _counts[(t * CodeSpan) + Bucket(type, code)];
    }

    private static int Bucket(DecisionType type, int code)
    {
        if (type == DecisionType.StructureInvalidated)
        {
            code -= FirstType;
        }

        return Math.Clamp(code, -31, 32) + 31;
    }

    public long Total(DecisionType type)
    {
        var t = (int)type - FirstType;
        long sum = 0;
        if ((uint)t < TypeSpan)
        {
            for (var c = 0; c < CodeSpan; c++)
            {
                sum += _counts[(t * CodeSpan) + c];
            }
        }

        return sum;
    }

    /// <summary>Readable non-zero counts, e.g. "StructureBreak/BOS-internal-bull" → 12 (off the hot path).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Snapshot()
    {
        var result = new List<KeyValuePair<string, long>>();
        for (var t = 0; t < TypeSpan; t++)
        {
            for (var c = 0; c < CodeSpan; c++)
            {
                var n = _counts[(t * CodeSpan) + c];
                if (n != 0)
                {
                    var type = (DecisionType)(t + FirstType);
                    var code = c - 31;
                    if (type == DecisionType.StructureInvalidated)
                    {
                        code += FirstType; // invalidations carry a DecisionType (101..) as their code
                    }

                    result.Add(new(type + "/" + SmcCodes.Describe(type, code), n));
                }
            }
        }

        return result;
    }
}
