namespace IctEngine.Core;

/// <summary>
/// Why the validation stage rejected a tick. Values are journaled: append new reasons, never renumber.
/// </summary>
public enum RejectReason : byte
{
    None = 0,
    NonPositivePrice = 1,
    NonFinitePrice = 2,
    Crossed = 3,
    SpreadTooWide = 4,
    TimeBackwards = 5,
    Duplicate = 6,
    Spike = 7,
    UnknownSymbol = 8,
}
