using System.Collections.Concurrent;
using IctEngine.Journal;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

/// <summary>
/// The behaviour every <see cref="IEventStore"/> backend must have; each backend's fixture derives from this and
/// only says how to reach a fresh, isolated store.
/// </summary>
public abstract class EventStoreConformanceTests
{
    private readonly List<IEventStore> _opened = [];

    /// <summary>A <see cref="EventStoreFactory"/> location for a fresh empty store for the current test.</summary>
    protected abstract string CreateLocation();

    /// <summary>Removes what <see cref="CreateLocation"/> made.</summary>
    protected abstract void DeleteLocation();

    protected string Location { get; private set; } = string.Empty;

    [SetUp]
    public void SetUpStore() => Location = CreateLocation();

    [TearDown]
    public void TearDownStore()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        _opened.Clear();
        DeleteLocation();
    }

    protected IEventStore Open()
    {
        var store = EventStoreFactory.Open(Location);
        _opened.Add(store);
        return store;
    }

    internal static EventData Event(string type = "Tested", string run = "run-1", long correlation = 0, int payloadSize = 8, Guid? id = null)
    {
        var payload = new byte[payloadSize];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(i * 7);
        }

        return new EventData(id ?? Guid.NewGuid(), type, payload, new EventMetadata(run, correlation, correlation - 1), 1_400_000_000_000_000_000 + correlation);
    }

    internal static EventBatch Batch(string stream, ExpectedVersion expected, params EventData[] events)
    {
        var batch = new EventBatch();
        var s = batch.AddStream(stream, expected);
        foreach (var e in events)
        {
            batch.Add(s, e);
        }

        return batch;
    }

    [Test]
    public void Append_NoStreamToNewStream_NumbersVersionsFromZero()
    {
        var store = Open();
        var batch = Batch("orders", ExpectedVersion.NoStream, Event(), Event(), Event());
        store.Append(batch);
        Assert.That(batch.NextExpectedVersion(0), Is.EqualTo(2));
        Assert.That(store.GetStreamVersion("orders"), Is.EqualTo(2));
        var events = store.ReadStreamForwards("orders", 0, 100);
        Assert.That(events.Select(e => e.Version), Is.EqualTo(new long[] { 0, 1, 2 }));
        Assert.That(events[^1].Position, Is.EqualTo(batch.LastPosition));
    }

    [Test]
    public void Append_RoundTrip_KeepsEveryEnvelopeField()
    {
        var store = Open();
        var data = Event("BarClosed", "run-42", 77, payloadSize: 300);
        store.Append(Batch("s", ExpectedVersion.Any, data));
        var read = store.ReadStreamForwards("s", 0, 1).Single();
        Assert.That(read.Stream, Is.EqualTo("s"));
        Assert.That(read.EventId, Is.EqualTo(data.EventId));
        Assert.That(read.Type, Is.EqualTo("BarClosed"));
        Assert.That(read.Payload, Is.EqualTo(data.Payload.ToArray()));
        Assert.That(read.Metadata, Is.EqualTo(new EventMetadata("run-42", 77, 76)));
        Assert.That(read.TimeNs, Is.EqualTo(data.TimeNs));
        Assert.That(read.Version, Is.Zero);
        Assert.That(read.Position, Is.GreaterThan(0));
    }

    [Test]
    public void Append_WrongExpectedVersion_ThrowsAndWritesNothing()
    {
        var store = Open();
        store.Append(Batch("a", ExpectedVersion.NoStream, Event(), Event()));
        var before = store.GetLastPosition();

        var batch = new EventBatch();
        var fresh = batch.AddStream("b", ExpectedVersion.NoStream);
        var stale = batch.AddStream("a", ExpectedVersion.Exact(0));
        batch.Add(fresh, Event());
        batch.Add(stale, Event());

        var error = Assert.Throws<WrongExpectedVersionException>(() => store.Append(batch))!;
        Assert.That(error.Stream, Is.EqualTo("a"));
        Assert.That(error.ActualVersion, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("'a'").And.Contain("nothing was written"));
        Assert.That(store.GetLastPosition(), Is.EqualTo(before));
        Assert.That(store.GetStreamVersion("b"), Is.EqualTo(-1));
        Assert.That(store.ReadStreamForwards("b", 0, 10), Is.Empty);
    }

    [Test]
    public void Append_NoStreamOnExistingStream_Throws()
    {
        var store = Open();
        store.Append(Batch("a", ExpectedVersion.NoStream, Event()));
        Assert.Throws<WrongExpectedVersionException>(() => store.Append(Batch("a", ExpectedVersion.NoStream, Event())));
        Assert.That(store.GetStreamVersion("a"), Is.Zero);
    }

    [Test]
    public void Append_ExactAndAnyVersions_Append()
    {
        var store = Open();
        store.Append(Batch("a", ExpectedVersion.Any, Event()));
        store.Append(Batch("a", ExpectedVersion.Exact(0), Event(), Event()));
        store.Append(Batch("a", ExpectedVersion.Any, Event()));
        Assert.That(store.GetStreamVersion("a"), Is.EqualTo(3));
    }

    [Test]
    public void Append_TwoStoresSameExpectedVersion_SecondFails()
    {
        var first = Open();
        var second = Open();
        first.Append(Batch("shared", ExpectedVersion.NoStream, Event()));
        first.Append(Batch("shared", ExpectedVersion.Exact(0), Event()));
        Assert.Throws<WrongExpectedVersionException>(() => second.Append(Batch("shared", ExpectedVersion.Exact(0), Event())));
        Assert.That(second.ReadStreamForwards("shared", 0, 10), Has.Count.EqualTo(2));
    }

    [Test]
    public void Append_SameEventsAgain_IsIdempotentNoOp()
    {
        var store = Open();
        var events = new[] { Event(), Event(), Event() };
        var first = Batch("idem", ExpectedVersion.NoStream, events);
        store.Append(first);
        var retry = Batch("idem", ExpectedVersion.NoStream, events);
        store.Append(retry);
        Assert.That(retry.WasIdempotentRetry, Is.True);
        Assert.That(retry.NextExpectedVersion(0), Is.EqualTo(2));
        Assert.That(retry.LastPosition, Is.EqualTo(first.LastPosition));
        Assert.That(store.ReadStreamForwards("idem", 0, 10), Has.Count.EqualTo(3));
    }

    [Test]
    public void Append_RetryWithExtraEvent_ThrowsAndWritesNothing()
    {
        var store = Open();
        var e1 = Event();
        store.Append(Batch("idem", ExpectedVersion.Any, e1));
        Assert.Throws<InvalidOperationException>(() => store.Append(Batch("idem", ExpectedVersion.Any, e1, Event())));
        Assert.That(store.GetStreamVersion("idem"), Is.Zero);
    }

    [Test]
    public void Append_DuplicateIdInOtherPosition_ThrowsAndWritesNothing()
    {
        var store = Open();
        var e1 = Event();
        store.Append(Batch("a", ExpectedVersion.Any, e1));
        Assert.Throws<InvalidOperationException>(() => store.Append(Batch("b", ExpectedVersion.Any, Event(), e1)));
        Assert.That(store.GetStreamVersion("b"), Is.EqualTo(-1));
    }

    [Test]
    public void ReadStreamBackwards_FromEnd_ReturnsNewestFirst()
    {
        var store = Open();
        store.Append(Batch("a", ExpectedVersion.Any, Event(), Event(), Event(), Event()));
        Assert.That(store.ReadStreamBackwards("a", -1, 3).Select(e => e.Version), Is.EqualTo(new long[] { 3, 2, 1 }));
        Assert.That(store.ReadStreamBackwards("a", 1, 10).Select(e => e.Version), Is.EqualTo(new long[] { 1, 0 }));
        Assert.That(store.ReadStreamBackwards("missing", -1, 10), Is.Empty);
    }

    [Test]
    public void ReadStreamForwards_FromVersion_ReturnsPage()
    {
        var store = Open();
        store.Append(Batch("a", ExpectedVersion.Any, Event(), Event(), Event(), Event(), Event()));
        Assert.That(store.ReadStreamForwards("a", 2, 2).Select(e => e.Version), Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(store.ReadStreamForwards("a", 5, 2), Is.Empty);
    }

    [Test]
    public void ReadAll_InterleavedStreams_KeepsBatchOrderWithGaplessPositions()
    {
        var store = Open();
        var batch = new EventBatch();
        var x = batch.AddStream("x", ExpectedVersion.NoStream);
        var y = batch.AddStream("y", ExpectedVersion.NoStream);
        batch.Add(x, Event("x0"));
        batch.Add(y, Event("y0"));
        batch.Add(x, Event("x1"));
        store.Append(batch);
        store.Append(Batch("y", ExpectedVersion.Exact(0), Event("y1")));

        var all = store.ReadAll(1, 100);
        Assert.That(all.Select(e => e.Type), Is.EqualTo(new[] { "x0", "y0", "x1", "y1" }));
        Assert.That(all.Select(e => e.Position), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
        Assert.That(all.Select(e => e.Stream), Is.EqualTo(new[] { "x", "y", "x", "y" }));
        Assert.That(batch.NextExpectedVersion(x), Is.EqualTo(1));
        Assert.That(batch.NextExpectedVersion(y), Is.Zero);
        Assert.That(store.ReadAll(3, 1).Single().Type, Is.EqualTo("x1"));
        Assert.That(store.GetLastPosition(), Is.EqualTo(4));
    }

    [Test]
    public void ReadAll_WithRunId_ReturnsOnlyThatRun()
    {
        var store = Open();
        store.Append(Batch("a", ExpectedVersion.Any, Event(run: "r1"), Event(run: "r2"), Event(run: "r1")));
        var r1 = store.ReadAll(1, 100, "r1");
        Assert.That(r1.Select(e => e.Position), Is.EqualTo(new long[] { 1, 3 }));
    }

    [Test]
    public void ListStreams_WithPrefix_ReturnsMatchingSortedWithVersions()
    {
        var store = Open();
        store.Append(Batch("run-b", ExpectedVersion.Any, Event()));
        store.Append(Batch("run-a", ExpectedVersion.Any, Event(), Event()));
        store.Append(Batch("other", ExpectedVersion.Any, Event()));
        Assert.That(store.ListStreams("run-"), Is.EqualTo(new[] { new StreamInfo("run-a", 1), new StreamInfo("run-b", 0) }));
        Assert.That(store.ListStreams(), Has.Count.EqualTo(3));
    }

    [Test]
    public void Open_Again_FindsEveryEvent()
    {
        var store = Open();
        store.Append(Batch("a", ExpectedVersion.Any, Event(), Event()));
        store.Dispose();
        var reopened = Open();
        Assert.That(reopened.ReadAll(1, 10), Has.Count.EqualTo(2));
        Assert.That(reopened.GetStreamVersion("a"), Is.EqualTo(1));
    }

    [Test]
    public void SubscribeToAll_FromPosition_CatchesUpThenFollowsLiveAppends()
    {
        var store = Open();
        store.Append(Batch("a", ExpectedVersion.Any, Event("e1"), Event("e2"), Event("e3")));
        var seen = new ConcurrentQueue<RecordedEvent>();
        using var subscription = store.SubscribeToAll(2, seen.Enqueue);
        Assert.That(subscription.WaitForPosition(3, TimeSpan.FromSeconds(10)), Is.True);
        store.Append(Batch("b", ExpectedVersion.Any, Event("e4")));
        Assert.That(subscription.WaitForPosition(4, TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(seen.Select(e => e.Type), Is.EqualTo(new[] { "e2", "e3", "e4" }));
        Assert.That(subscription.Fault, Is.Null);
    }

    [Test]
    public void SubscribeToAll_ConcurrentWritersOnTwoConnections_DeliversEveryEventOnceInOrder()
    {
        var reader = Open();
        var writers = new[] { Open(), Open() };
        const int batchesPerWriter = 40;
        const int eventsPerBatch = 25;
        var positions = new ConcurrentQueue<long>();
        using var subscription = reader.SubscribeToAll(1, e => positions.Enqueue(e.Position), TimeSpan.FromMilliseconds(5));
        var tasks = writers.Select((w, n) => Task.Run(() =>
        {
            for (var b = 0; b < batchesPerWriter; b++)
            {
                var events = Enumerable.Range(0, eventsPerBatch).Select(_ => Event()).ToArray();
                w.Append(Batch($"w{n}-{b % 3}", ExpectedVersion.Any, events));
            }
        })).ToArray();
        Assert.That(Task.WaitAll(tasks, TimeSpan.FromSeconds(60)), Is.True);

        const int total = 2 * batchesPerWriter * eventsPerBatch;
        Assert.That(subscription.WaitForPosition(total, TimeSpan.FromSeconds(20)), Is.True);
        Assert.That(positions, Is.EqualTo(Enumerable.Range(1, total).Select(i => (long)i)));
        Assert.That(reader.GetLastPosition(), Is.EqualTo(total));
    }
}
