using System.CommandLine;

namespace IctEngine.Host.Commands;

/// <summary>The <c>ict import</c> verb.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var command = new Command("import", "Convert tick files (MT5, Lean, Dukascopy, HistData, .ticks) into the native tick store or CSV.");
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyLogging(parse);
            Console.Error.WriteLine("ict import: this verb is not available in this build yet.");
            return ExitCodes.Failure;
        });
        return command;
    }
}
