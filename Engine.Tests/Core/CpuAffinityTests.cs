using IctEngine.Core;
using NUnit.Framework;

namespace IctEngine.Tests.Core;

[TestFixture]
public sealed class CpuAffinityTests
{
    [Test]
    public void TryPinCurrentThread_Linux_RestrictsTheThreadToThatCpu()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Checks /proc/thread-self, Linux only.");
        }

        var cpu = Environment.ProcessorCount - 1;
        var pinned = false;
        var allowed = "";
        var thread = new Thread(() =>
        {
            pinned = CpuAffinity.TryPinCurrentThread(cpu);
            allowed = File.ReadAllLines("/proc/thread-self/status").First(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        });
        thread.Start();
        thread.Join();
        Assert.Multiple(() =>
        {
            Assert.That(pinned, Is.True);
            Assert.That(allowed.Split(':')[1].Trim(), Is.EqualTo(cpu.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [TestCase(-1)]
    [TestCase(64)]
    public void TryPinCurrentThread_NoSuchCpu_ReturnsFalse(int cpu)
    {
        Assert.That(CpuAffinity.TryPinCurrentThread(cpu), Is.False);
    }

    [Test]
    public void ConsumerCpus_TwoCores_EveryGroupOnTheSecondCore()
    {
        Assert.That(CpuAffinity.ConsumerCpus(3, 2), Is.EqualTo(new[] { 1, 1, 1 }));
    }

    [Test]
    public void ConsumerCpus_EightCores_LastCoresFirstAndCpuZeroLeftFree()
    {
        Assert.That(CpuAffinity.ConsumerCpus(9, 8), Is.EqualTo(new[] { 7, 6, 5, 4, 3, 2, 1, 7, 6 }));
    }

    [Test]
    public void ConsumerCpus_OneCore_CpuZero()
    {
        Assert.That(CpuAffinity.ConsumerCpus(2, 1), Is.EqualTo(new[] { 0, 0 }));
    }
}
