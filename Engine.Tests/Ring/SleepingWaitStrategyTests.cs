using IctEngine.Ring;
using NUnit.Framework;

namespace IctEngine.Tests.Ring;

[TestFixture]
public sealed class SleepingWaitStrategyTests : WaitStrategyTests
{
    protected override WaitStrategyKind Kind => WaitStrategyKind.Sleeping;
}
