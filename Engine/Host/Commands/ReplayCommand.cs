using System.CommandLine;

namespace IctEngine.Host.Commands;

/// <summary>The <c>ict replay</c> verb.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var command = new Command("replay", "Replay recorded ticks through the whole pipeline into the event store and print a summary.");
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyLogging(parse);
            Console.Error.WriteLine("ict replay: this verb is not available in this build yet.");
            return ExitCodes.Failure;
        });
        return command;
    }
}
