using IctEngine.Core;

namespace IctEngine.Journal;

/// <summary>
/// Event type names in the store: a decision's type is its <see cref="DecisionType"/> name, so the store reads the
/// same as the code. Names are cached so journaling a decision does not format an enum.
/// </summary>
public static class JournalEventTypes
{
    public const string RunStarted = nameof(DecisionType.RunStarted);
    public const string RunCompleted = nameof(DecisionType.RunCompleted);

    private static readonly string[] Names = BuildNames();

    public static string Of(DecisionType type) =>
        (int)type < Names.Length && Names[(int)type] is { } name ? name : "Decision" + ((ushort)type).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The decision type for a stored type name, or false for events that are not decisions.</summary>
    public static bool TryParse(string typeName, out DecisionType type) =>
        Enum.TryParse(typeName, ignoreCase: false, out type) && Enum.IsDefined(type) && !char.IsDigit(typeName[0]);

    private static string[] BuildNames()
    {
        var max = 0;
        foreach (var value in Enum.GetValues<DecisionType>())
        {
            max = Math.Max(max, (int)value);
        }

        var names = new string[max + 1];
        foreach (var value in Enum.GetValues<DecisionType>())
        {
            names[(int)value] = value.ToString();
        }

        return names;
    }
}
