using IctEngine.Ring;
using NUnit.Framework;

namespace IctEngine.Tests.Ring;

[TestFixture]
public sealed class BusySpinWaitStrategyTests : WaitStrategyTests
{
    protected override WaitStrategyKind Kind => WaitStrategyKind.BusySpin;

    // Every waiting thread spins on a core; on a shared 2-core machine (load 20) keep it short.
    protected override int Events => 100_000;
}
