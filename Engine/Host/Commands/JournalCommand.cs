using System.CommandLine;

namespace IctEngine.Host.Commands;

/// <summary>The <c>ict journal</c> verb.</summary>
public static class JournalCommand
{
    public static Command Create()
    {
        var command = new Command("journal", "List runs and streams, print events and export a run from the event store.");
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyLogging(parse);
            Console.Error.WriteLine("ict journal: this verb is not available in this build yet.");
            return ExitCodes.Failure;
        });
        return command;
    }
}
