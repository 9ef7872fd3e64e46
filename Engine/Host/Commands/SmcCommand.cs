using System.CommandLine;
using System.Globalization;
using IctEngine.Smc.Reference;
using Serilog;

namespace IctEngine.Host.Commands;

/// <summary>
/// The <c>ict smc</c> verb. <c>ict smc reference</c> runs one function of the Python <c>smartmoneyconcepts</c>
/// library on an OHLC CSV and writes the library's output columns (see docs/SMC-REFERENCE.md).
/// </summary>
public static class SmcCommand
{
    public static Command Create()
    {
        var command = new Command("smc", "Smart Money Concepts tools: the reference-compatible batch mode.");
        command.Subcommands.Add(CreateReference());
        return command;
    }

    private static Command CreateReference()
    {
        var bars = new Option<FileInfo>("--bars") { Description = "OHLC CSV: Date,Open,High,Low,Close[,Volume] header.", Required = true };
        var function = new Option<string>("--function")
        {
            Description = "swing-highs-lows, fvg, bos-choch, ob, liquidity, previous-high-low, sessions or retracements.",
            Required = true,
        };
        var output = new Option<FileInfo>("--out") { Description = "Output CSV (the library's columns).", Required = true };
        var swingLength = new Option<int>("--swing-length")
        {
            Description = "Swing length (swing-highs-lows, and the swings behind bos-choch, ob, liquidity, retracements).",
            DefaultValueFactory = _ => 50,
        };
        var joinConsecutive = new Option<bool>("--join-consecutive") { Description = "fvg: merge consecutive same-direction gaps." };
        var closeBreak = new Option<bool>("--close-break")
        {
            Description = "bos-choch: break on close (true) or on the high/low (false).",
            DefaultValueFactory = _ => true,
        };
        var closeMitigation = new Option<bool>("--close-mitigation") { Description = "ob: mitigate on the candle body instead of the wick." };
        var rangePercent = new Option<string>("--range-percent")
        {
            Description = "liquidity: tolerance as a fraction of the whole data range.",
            DefaultValueFactory = _ => "0.01",
        };
        var timeFrame = new Option<string>("--time-frame")
        {
            Description = "previous-high-low: pandas resample rule (15min, 1h, 4h, 1D, W, ME...).",
            DefaultValueFactory = _ => "1D",
        };
        var session = new Option<string>("--session")
        {
            Description = "sessions: Sydney, Tokyo, London, New York, Asian kill zone, London open kill zone, New York kill zone, london close kill zone, Custom.",
            DefaultValueFactory = _ => "London",
        };
        var startTime = new Option<string>("--start-time") { Description = "sessions: Custom start HH:MM (UTC)." };
        var endTime = new Option<string>("--end-time") { Description = "sessions: Custom end HH:MM (UTC)." };
        var timeZone = new Option<string>("--time-zone")
        {
            Description = "sessions: time zone of the bar times, UTC or UTC±N/GMT±N (the library's inverted-sign rule).",
            DefaultValueFactory = _ => "UTC",
        };

        var command = new Command("reference", "Compute one smartmoneyconcepts (v0.0.27) function on an OHLC CSV, cell for cell.");
        foreach (var option in new Option[]
                 {
                     bars, function, output, swingLength, joinConsecutive, closeBreak, closeMitigation, rangePercent,
                     timeFrame, session, startTime, endTime, timeZone,
                 })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            // System.CommandLine's own handler would turn an exception into exit 1 and a stack trace; bad usage and
            // bad input must be one line and exit 2, so they are reported here.
            try
            {
                return RunReference(parse);
            }
            catch (Exception e) when (Program.IsBadInput(e))
            {
                Console.Error.WriteLine($"ict: {e.Message}");
                return ExitCodes.BadUsage;
            }
        });
        return command;

        int RunReference(ParseResult parse)
        {
            GlobalOptions.ApplyLogging(parse, console: false);
            var log = Log.ForContext(typeof(SmcCommand));
            ReferenceFunction selected;
            ReferenceOptions options;
            try
            {
                selected = ReferenceRunner.ParseFunction(parse.GetValue(function)!);
                var range = parse.GetValue(rangePercent)!;
                if (!double.TryParse(range, NumberStyles.Float, CultureInfo.InvariantCulture, out var rangeValue))
                {
                    throw new FormatException($"--range-percent: '{range}' is not a number");
                }

                options = new ReferenceOptions
                {
                    SwingLength = parse.GetValue(swingLength),
                    JoinConsecutive = parse.GetValue(joinConsecutive),
                    CloseBreak = parse.GetValue(closeBreak),
                    CloseMitigation = parse.GetValue(closeMitigation),
                    RangePercent = rangeValue,
                    TimeFrame = parse.GetValue(timeFrame)!,
                    Session = parse.GetValue(session)!,
                    StartTime = parse.GetValue(startTime),
                    EndTime = parse.GetValue(endTime),
                    TimeZone = parse.GetValue(timeZone)!,
                };
                ReferenceRunner.Validate(selected, options);
            }
            catch (FormatException e)
            {
                throw new UsageException($"smc reference: {e.Message}");
            }

            var input = parse.GetValue(bars)!;
            var series = OhlcCsvReader.Read(input.FullName);
            var table = ReferenceRunner.Run(selected, series, options);
            var target = parse.GetValue(output)!;
            target.Directory?.Create();
            table.WriteCsv(target.FullName);
            log.Information("smc reference {Function}: {Rows} rows from {Input} written to {Output}",
                selected, table.RowCount, input.FullName, target.FullName);
            return ExitCodes.Success;
        }
    }
}
