using System.Globalization;
using System.Text;
using IctEngine.Core;

namespace IctEngine.Host;

/// <summary>One-line text of a decision for people: type, symbol, time, then every non-zero field.</summary>
public static class DecisionText
{
    public static string Describe(Decision? decision, InstrumentCatalog catalog)
    {
        if (decision is not { } d)
        {
            return "(none: the stream ended here)";
        }

        var inv = CultureInfo.InvariantCulture;
        var symbol = (uint)d.SymbolId < (uint)catalog.Count ? catalog[d.SymbolId].Symbol : d.SymbolId.ToString(inv);
        var text = new StringBuilder();
        text.Append(inv, $"{d.Type} {symbol} {new Timestamp(d.TimeNs).ToMillisecondString()} code={d.Code}");
        Append(text, "tf", d.Timeframe);
        Append(text, "id", d.Id);
        Append(text, "corr", d.CorrelationId);
        Append(text, "cause", d.CausationId);
        Append(text, "ref0", d.Ref0);
        Append(text, "ref1", d.Ref1);
        Append(text, "ref2", d.Ref2);
        Append(text, "a", d.A);
        Append(text, "b", d.B);
        Append(text, "c", d.C);
        Append(text, "d", d.D);
        Append(text, "e", d.E);
        Append(text, "f", d.F);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, long value)
    {
        if (value != 0)
        {
            text.Append(' ').Append(name).Append('=').Append(value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
