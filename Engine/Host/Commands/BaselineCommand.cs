using System.CommandLine;

namespace IctEngine.Host.Commands;

/// <summary>The <c>ict baseline</c> verb.</summary>
public static class BaselineCommand
{
    public static Command Create()
    {
        var command = new Command("baseline", "Save a run's metrics as a named baseline and compare runs against it.");
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyLogging(parse);
            Console.Error.WriteLine("ict baseline: this verb is not available in this build yet.");
            return ExitCodes.Failure;
        });
        return command;
    }
}
