using IctEngine.Ring;
using NUnit.Framework;

namespace IctEngine.Tests.Ring;

[TestFixture]
public sealed class BlockingWaitStrategyTests : WaitStrategyTests
{
    protected override WaitStrategyKind Kind => WaitStrategyKind.Blocking;
}
