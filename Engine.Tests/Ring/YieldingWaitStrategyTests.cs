using IctEngine.Ring;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Ring;

[TestFixture]
public sealed class YieldingWaitStrategyTests : WaitStrategyTests
{
    protected override WaitStrategyKind Kind => WaitStrategyKind.Yielding;

    [Test]
    public void Idle_DefaultStrategy_SpinsTheShortSpinThenYields()
    {
        Assert.That(AttemptsAfterIdling(default), Is.EqualTo(YieldingWaitStrategy.ShortSpinTries));
    }

    [Test]
    public void Idle_LongSpin_SpinsLongerBeforeYielding()
    {
        Assert.That(AttemptsAfterIdling(new YieldingWaitStrategy(YieldingWaitStrategy.LongSpinTries)), Is.EqualTo(YieldingWaitStrategy.LongSpinTries));
    }

    [TestCase(2, 2, YieldingWaitStrategy.LongSpinTries)]
    [TestCase(1, 4, YieldingWaitStrategy.LongSpinTries)]
    [TestCase(3, 2, YieldingWaitStrategy.ShortSpinTries)]
    [TestCase(5, 2, YieldingWaitStrategy.ShortSpinTries)]
    public void SpinTriesFor_ThreadsAgainstCores_LongOnlyWhenEachHasACore(int busyThreads, int processorCount, int expected)
    {
        Assert.That(YieldingWaitStrategy.SpinTriesFor(busyThreads, processorCount), Is.EqualTo(expected));
    }

    private static int AttemptsAfterIdling(YieldingWaitStrategy strategy)
    {
        var condition = default(NeverSatisfiedCondition);
        var attempt = 0;
        for (var i = 0; i < 1_000; i++)
        {
            strategy.Idle(ref attempt, ref condition);
        }

        return attempt;
    }
}
