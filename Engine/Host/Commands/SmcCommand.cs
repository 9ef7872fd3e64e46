using System.CommandLine;

namespace IctEngine.Host.Commands;

/// <summary>The <c>ict smc</c> verb.</summary>
public static class SmcCommand
{
    public static Command Create()
    {
        var command = new Command("smc", "Smart Money Concepts tools: the reference-compatible batch mode.");
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyLogging(parse);
            Console.Error.WriteLine("ict smc: this verb is not available in this build yet.");
            return ExitCodes.Failure;
        });
        return command;
    }
}
