using System.CommandLine;

namespace IctEngine.Host.Commands;

/// <summary>The <c>ict run</c> verb.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the live engine: MT5 bridge, pipeline, journal, health and metrics.");
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyLogging(parse);
            Console.Error.WriteLine("ict run: this verb is not available in this build yet.");
            return ExitCodes.Failure;
        });
        return command;
    }
}
