using IctEngine.Pipeline;
using IctEngine.Ring;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Pipeline;

[TestFixture]
public sealed class PipelineBuilderTests
{
    [TestCase("threads", "a|b|c|d")]
    [TestCase("", "a|b|c|d")]
    [TestCase("fused", "a,b,c,d")]
    [TestCase("a | b,c | d", "a|b,c|d")]
    public void WithThreadGroups_Spec_ResolvesGroups(string spec, string expected)
    {
        var pipeline = FourStages().WithThreadGroups(spec).Build();

        Assert.That(string.Join('|', pipeline.ThreadGroups.Select(g => string.Join(',', g))), Is.EqualTo(expected));
    }

    [Test]
    public void WithThreadGroups_Arrays_ResolvesGroups()
    {
        var pipeline = FourStages().WithThreadGroups(["a"], ["b"], ["c", "d"]).Build();

        Assert.That(pipeline.ThreadGroups, Has.Count.EqualTo(3));
        Assert.That(pipeline.ThreadGroups[2], Is.EqualTo(new[] { "c", "d" }));
    }

    [TestCase("a|c,b|d")]
    [TestCase("a|b|c")]
    [TestCase("a|b|c|d|e")]
    [TestCase("a,b|b,c|d")]
    [TestCase("a||b,c,d")]
    public void Build_GroupsNotEveryStageOnceInOrder_ThrowsNamingTheProblem(string spec)
    {
        var error = Assert.Throws<ArgumentException>(() => FourStages().WithThreadGroups(spec).Build());

        Assert.That(error!.Message, Does.StartWith("Thread groups:"));
    }

    [Test]
    public void Build_NoStages_Throws() =>
        Assert.Throws<ArgumentException>(() => new PipelineBuilder<RingTestEvent>(64).Build());

    [Test]
    public void Then_DuplicateName_Throws() =>
        Assert.Throws<ArgumentException>(() => FourStages().Then(new DeliveryCountingHandler(1), "a"));

    [Test]
    public void Constructor_RingSizeNotPowerOfTwo_Throws() =>
        Assert.Throws<ArgumentException>(() => _ = new PipelineBuilder<RingTestEvent>(1000));

    [Test]
    public void Build_Configuration_IsReportedByPipeline()
    {
        var pipeline = new PipelineBuilder<RingTestEvent>(128, ProducerType.Multi, WaitStrategyKind.Blocking)
            .Then(new DeliveryCountingHandler(1), "x")
            .WithFaultPolicy(FaultPolicy.LogAndSkip)
            .Build();

        Assert.That(pipeline.Capacity, Is.EqualTo(128));
        Assert.That(pipeline.Producer, Is.EqualTo(ProducerType.Multi));
        Assert.That(pipeline.WaitStrategy, Is.EqualTo(WaitStrategyKind.Blocking));
        Assert.That(pipeline.Policy, Is.EqualTo(FaultPolicy.LogAndSkip));
        Assert.That(pipeline.State, Is.EqualTo(PipelineState.Created));
        Assert.That(pipeline.StageNames, Is.EqualTo(new[] { "x" }));
    }

    private static PipelineBuilder<RingTestEvent> FourStages() =>
        new PipelineBuilder<RingTestEvent>(64)
            .Then(new DeliveryCountingHandler(1), "a")
            .Then(new DeliveryCountingHandler(1), "b")
            .Then(new DeliveryCountingHandler(1), "c")
            .Then(new DeliveryCountingHandler(1), "d");
}
