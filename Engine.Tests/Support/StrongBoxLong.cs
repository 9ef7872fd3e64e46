namespace IctEngine.Tests.Support;

/// <summary>A result a struct handler on another thread hands back to the test.</summary>
public sealed class StrongBoxLong
{
    public long Value = -1;

    public volatile bool Done;
}
