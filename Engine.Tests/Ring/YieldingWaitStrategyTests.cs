using IctEngine.Ring;
using NUnit.Framework;

namespace IctEngine.Tests.Ring;

[TestFixture]
public sealed class YieldingWaitStrategyTests : WaitStrategyTests
{
    protected override WaitStrategyKind Kind => WaitStrategyKind.Yielding;
}
