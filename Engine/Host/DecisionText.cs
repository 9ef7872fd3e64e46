using System.Globalization;
using System.Text;
using IctEngine.Core;
using IctEngine.Journal;

namespace IctEngine.Host;

/// <summary>One-line text of a decision for people: type, symbol, time, then every non-zero field by its name.</summary>
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
        text.Append(inv, $"{d.Type} {symbol} {new Timestamp(d.TimeNs).ToMillisecondString()}");
        for (var f = 0; f < DecisionCodec.FieldCount; f++)
        {
            var value = DecisionFieldNames.ValueOf(d, f);
            if (value != 0 && f is not 1 and not 3)
            {
                text.Append(' ').Append(DecisionFieldNames.Of(d.Type, f)).Append('=').Append(value.ToString(inv));
            }
        }

        return text.ToString();
    }
}
