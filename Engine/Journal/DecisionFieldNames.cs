using IctEngine.Core;

namespace IctEngine.Journal;

/// <summary>
/// The one table of what <see cref="Decision"/>'s generic fields mean per <see cref="DecisionType"/>, used to print
/// and export journaled decisions with named fields. Field order is <see cref="DecisionCodec"/>'s: Code, SymbolId,
/// Timeframe, TimeNs, CorrelationId, CausationId, Id, Ref0, Ref1, Ref2, A, B, C, D, E, F. A type not listed, or a
/// null entry, keeps the generic name. The stage owners document the meanings in docs/VALIDATION.md, docs/SMC.md
/// and docs/RISK.md; when a stage gives a field a meaning, name it here (names are camelCase, used as JSON keys).
/// </summary>
public static class DecisionFieldNames
{
    /// <summary>The generic names, in codec field order.</summary>
    public static IReadOnlyList<string> Generic { get; } =
    [
        "code", "symbolId", "timeframe", "timeNs", "correlationId", "causationId", "id",
        "ref0", "ref1", "ref2", "a", "b", "c", "d", "e", "f",
    ];

    // Specific names per type: index = codec field index; null = generic.
    private static readonly Dictionary<DecisionType, string?[]> Specific = new()
    {
        [DecisionType.TickRejected] = Names(code: "reason"),
        [DecisionType.FeedGap] = Names(code: "reason"),
        [DecisionType.RiskDenied] = Names(code: "reason"),
        [DecisionType.OrderRejected] = Names(code: "reason"),
        [DecisionType.SignalRaised] = Names(code: "setup", id: "signalId"),
        [DecisionType.OrderSubmitted] = Names(code: "side", id: "orderId"),
        [DecisionType.OrderFilled] = Names(code: "side", id: "orderId"),
        [DecisionType.PositionOpened] = Names(id: "positionId"),
        [DecisionType.PositionClosed] = Names(id: "positionId"),
    };

    private static readonly string[][] Resolved = Resolve();

    /// <summary>The name of codec field <paramref name="field"/> (0..15) for decisions of <paramref name="type"/>.</summary>
    public static string Of(DecisionType type, int field)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(field);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(field, DecisionCodec.FieldCount);
        return (int)type < Resolved.Length ? Resolved[(int)type][field] : Generic[field];
    }

    /// <summary>The field's value in <paramref name="decision"/>, by codec field index.</summary>
    public static long ValueOf(in Decision decision, int field) => field switch
    {
        0 => decision.Code,
        1 => decision.SymbolId,
        2 => decision.Timeframe,
        3 => decision.TimeNs,
        4 => decision.CorrelationId,
        5 => decision.CausationId,
        6 => decision.Id,
        7 => decision.Ref0,
        8 => decision.Ref1,
        9 => decision.Ref2,
        10 => decision.A,
        11 => decision.B,
        12 => decision.C,
        13 => decision.D,
        14 => decision.E,
        15 => decision.F,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    private static string?[] Names(string? code = null, string? id = null)
    {
        var names = new string?[DecisionCodec.FieldCount];
        names[0] = code;
        names[6] = id;
        return names;
    }

    private static string[][] Resolve()
    {
        var max = 0;
        foreach (var value in Enum.GetValues<DecisionType>())
        {
            max = Math.Max(max, (int)value);
        }

        var table = new string[max + 1][];
        for (var t = 0; t <= max; t++)
        {
            var names = new string[DecisionCodec.FieldCount];
            Specific.TryGetValue((DecisionType)t, out var specific);
            for (var f = 0; f < names.Length; f++)
            {
                names[f] = specific?[f] ?? Generic[f];
            }

            table[t] = names;
        }

        return table;
    }
}
