using IctEngine.Ring;

namespace IctEngine.Tests.Support;

/// <summary>A wait that never ends, to watch how a wait strategy idles.</summary>
public readonly struct NeverSatisfiedCondition : IWaitCondition
{
    public bool IsSatisfied => false;
}
