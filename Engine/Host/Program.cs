using System.CommandLine;
using IctEngine.Host.Commands;
using Serilog;

namespace IctEngine.Host;

/// <summary>Entry point of the <c>ict</c> console: parses the command line and runs one verb.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // Tables written to a file or a pipe are read later, not in an 80-column terminal.
            Spectre.Console.AnsiConsole.Profile.Width = 132;
        }

        var root = BuildRootCommand();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line on stderr is what scripts and people read; the help text is one flag away.
            var reasons = string.Join("; ", parse.Errors.Select(e => e.Message));
            Console.Error.WriteLine($"ict: {reasons} (see ict --help)");
            return ExitCodes.BadUsage;
        }

        try
        {
            // Exceptions reach the handlers below, which map bad input to exit 2 with one line.
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (IsBadInput(e))
        {
            Console.Error.WriteLine($"ict: {e.Message}");
            return ExitCodes.BadUsage;
        }
        catch (Exception e)
        {
            Log.ForContext(typeof(Program)).Fatal(e, "Unhandled failure");
            Console.Error.WriteLine($"ict: failed: {e.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            Log.CloseAndFlush();
        }
    }

    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand(
            "IctEngine: an event-sourced ICT / Smart Money Concepts trading engine for MetaTrader 5.");
        root.Options.Add(GlobalOptions.LogLevel);
        root.Options.Add(GlobalOptions.LogDirectory);
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(SmcCommand.Create());
        root.Subcommands.Add(JournalCommand.Create());
        root.Subcommands.Add(BaselineCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(TerminalSimCommand.Create());
        root.Subcommands.Add(ReportCommand.Create(new JournalReportRunSource(Core.InstrumentCatalog.Default)));
        return root;
    }

    internal static bool IsBadInput(Exception e) =>
        e is UsageException or FormatException or InvalidDataException or FileNotFoundException
            or DirectoryNotFoundException or Ticks.TickFormatException;
}
