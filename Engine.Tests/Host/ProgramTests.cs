using IctEngine.Host;
using NUnit.Framework;

namespace IctEngine.Tests.Host;

[TestFixture]
public sealed class ProgramTests
{
    [Test]
    public void BuildRootCommand_Always_ListsEveryVerb()
    {
        var names = Program.BuildRootCommand().Subcommands.Select(c => c.Name).ToArray();
        Assert.That(names, Is.SupersetOf(new[] { "replay", "import", "smc", "journal", "baseline", "run", "report", "terminal-sim" }));
    }

    [Test]
    public void Main_UnknownOption_ExitsTwo()
    {
        var stderr = Console.Error;
        using var capture = new StringWriter();
        Console.SetError(capture);
        try
        {
            Assert.That(Program.Main(["--no-such-option"]), Is.EqualTo(ExitCodes.BadUsage));
        }
        finally
        {
            Console.SetError(stderr);
        }

        Assert.That(capture.ToString(), Does.StartWith("ict: ").And.Contain("--no-such-option"));
    }
}
