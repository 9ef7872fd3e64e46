using System.CommandLine;
using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Host;
using IctEngine.Host.Commands;
using IctEngine.Tests.Bridge;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Commands;

[TestFixture]
[CancelAfter(60_000)]
public sealed class TerminalSimCommandTests
{
    private static int Invoke(params string[] args)
    {
        var root = new RootCommand();
        root.Options.Add(GlobalOptions.LogLevel);
        root.Options.Add(GlobalOptions.LogDirectory);
        root.Subcommands.Add(TerminalSimCommand.Create());
        return root.Parse(["terminal-sim", "--log-dir", "", "--log-level", "warning", .. args]).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    [Test]
    public void Invoke_UnknownSymbol_ThrowsUsageException()
    {
        var e = Assert.Throws<UsageException>(() => Invoke("--ticks", "x.zip", "--symbol", "DOGEUSD", "--port", "5555", "--secret", "s"));

        Assert.That(e!.Message, Does.Contain("--symbol"));
    }

    [Test]
    public void Invoke_MissingTicks_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => Invoke("--ticks", "/nonexistent/x.zip", "--port", "5555", "--secret", "s"));
    }

    [Test]
    public void Invoke_ExitAtEnd_StreamsTheWholeFileToTheEngine()
    {
        var zip = SampleData.Path("lean-oanda-eurusd/20140504_quote.zip");
        var expected = TerminalSimulator.ReadTicks([zip], InstrumentCatalog.Default.Get("EURUSD")).Length;
        var publisher = new RecordingEventPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher, new BridgeFeedOptions { StartFromMs = 1 });
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "cli-secret" }, feed);
        listener.Start();

        var exit = Invoke("--ticks", zip, "--port", listener.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--secret", "cli-secret", "--speed", "0", "--exit-at-end");

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(BridgeListenerTests.WaitFor(() => publisher.TickCount == expected), Is.True);
    }
}
