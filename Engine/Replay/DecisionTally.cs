using IctEngine.Core;

namespace IctEngine.Replay;

/// <summary>
/// Counts a decision stream by type and by code (reject reasons, structure kinds, denial reasons). Fed from the
/// journaled events, so what a summary or a baseline reports is what the engine decided and recorded.
/// </summary>
public sealed class DecisionTally
{
    private readonly Dictionary<DecisionType, long> _byType = [];
    private readonly Dictionary<(DecisionType Type, int Code), long> _byTypeAndCode = [];

    public long Total { get; private set; }

    public void Add(in Decision decision)
    {
        Total++;
        _byType[decision.Type] = Count(decision.Type) + 1;
        var key = (decision.Type, decision.Code);
        _byTypeAndCode[key] = _byTypeAndCode.GetValueOrDefault(key) + 1;
    }

    public long Count(DecisionType type) => _byType.GetValueOrDefault(type);

    public long Count(DecisionType type, int code) => _byTypeAndCode.GetValueOrDefault((type, code));

    /// <summary>Counts of one type split by <see cref="Decision.Code"/>.</summary>
    public IReadOnlyDictionary<int, long> ByCode(DecisionType type)
    {
        var result = new SortedDictionary<int, long>();
        foreach (var pair in _byTypeAndCode)
        {
            if (pair.Key.Type == type)
            {
                result[pair.Key.Code] = pair.Value;
            }
        }

        return result;
    }

    /// <summary>Every type seen with its count, in type order.</summary>
    public IReadOnlyDictionary<DecisionType, long> ByType() => new SortedDictionary<DecisionType, long>(_byType);
}
