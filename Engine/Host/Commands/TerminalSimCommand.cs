using System.CommandLine;
using IctEngine.Bridge;
using IctEngine.Core;
using Serilog;

namespace IctEngine.Host.Commands;

/// <summary>
/// The <c>ict terminal-sim</c> verb: plays the MT5 EA's side of the bridge from recorded Lean tick zips, so the live
/// engine can be tried (and soaked) without MetaTrader 5. Runs until Ctrl+C.
/// </summary>
public static class TerminalSimCommand
{
    public static Command Create()
    {
        var ticks = new Option<string>("--ticks") { Description = "A Lean quote tick zip (YYYYMMDD_quote.zip) or a folder of them.", Required = true };
        var symbol = new Option<string>("--symbol") { Description = "Symbol to announce (its digits come from the instrument catalogue).", DefaultValueFactory = _ => "EURUSD" };
        var host = new Option<string>("--host") { Description = "Engine address.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Engine bridge port.", Required = true };
        var secret = new Option<string>("--secret") { Description = "Shared bridge secret (same as the engine's bridge.secret).", Required = true };
        var speed = new Option<double>("--speed") { Description = "Replay speed: 1 real time, 60 a minute per second, 0 as fast as possible.", DefaultValueFactory = _ => 1.0 };
        var loop = new Option<bool>("--exit-at-end") { Description = "Exit once every tick was sent (otherwise keep the session open until Ctrl+C)." };
        var repeat = new Option<int>("--repeat") { Description = "Play the recording N times back to back, each pass shifted by whole weeks (0: until stopped); for soaks.", DefaultValueFactory = _ => 1 };
        var cutEvery = new Option<double>("--cut-every") { Description = "Cut the connection every N seconds (0: never), to exercise reconnect and backfill.", DefaultValueFactory = _ => 0 };
        var cutFor = new Option<double>("--cut-for") { Description = "How long each cut lasts, in seconds.", DefaultValueFactory = _ => 2 };

        var command = new Command("terminal-sim", "Simulate the MT5 terminal side of the bridge from recorded ticks (no MetaTrader needed).");
        foreach (var option in new Option[] { ticks, symbol, host, port, secret, speed, repeat, loop, cutEvery, cutFor })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            GlobalOptions.ApplyLogging(parse);
            var name = parse.GetValue(symbol)!;
            if (!InstrumentCatalog.Default.TryGet(name, out var instrument))
            {
                throw new UsageException($"--symbol: '{name}' is not in the instrument catalogue.");
            }

            var portValue = parse.GetValue(port);
            if (portValue is < 1 or > 65535)
            {
                throw new UsageException($"--port: {portValue} is not 1..65535.");
            }

            var data = TerminalSimulator.ReadTicks([parse.GetValue(ticks)!], instrument);
            if (data.Length == 0)
            {
                throw new UsageException($"--ticks: {parse.GetValue(ticks)} holds no ticks.");
            }

            var options = new TerminalSimulatorOptions
            {
                Host = parse.GetValue(host)!,
                Port = portValue,
                Secret = parse.GetValue(secret)!,
                Symbol = instrument.Symbol,
                Digits = instrument.Digits,
                ContractSize = (double)instrument.ContractSize,
                TickValue = (double)instrument.TickValue,
                Speed = parse.GetValue(speed),
                Repeat = parse.GetValue(repeat) is var r && r >= 0 ? r : throw new UsageException($"--repeat: {r} must be 0 (until stopped) or more."),
            };
            return Run(options, data, parse.GetValue(loop), parse.GetValue(cutEvery), parse.GetValue(cutFor));
        });
        return command;
    }

    private static int Run(TerminalSimulatorOptions options, Ticks.Tick[] data, bool exitAtEnd, double cutEverySeconds, double cutForSeconds)
    {
        var logger = Log.ForContext(typeof(TerminalSimCommand));
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.Cancel();
            });

        using var simulator = new TerminalSimulator(options, data);
        logger.Information("Terminal simulator: {Count} {Symbol} ticks from {First} to {Last}, played {Repeat}, speed {Speed}, engine {Host}:{Port}",
            data.Length, options.Symbol, new Timestamp(data[0].TimeNs), new Timestamp(data[^1].TimeNs),
            options.Repeat == 0 ? "until stopped" : options.Repeat + "x", options.Speed, options.Host, options.Port);
        simulator.Start();
        var nextCut = cutEverySeconds > 0 ? Environment.TickCount64 + (long)(cutEverySeconds * 1000) : long.MaxValue;
        var finishedLogged = false;
        while (!stop.IsCancellationRequested)
        {
            stop.Token.WaitHandle.WaitOne(200);
            if (Environment.TickCount64 >= nextCut)
            {
                simulator.Cut();
                stop.Token.WaitHandle.WaitOne((int)(cutForSeconds * 1000));
                simulator.Restore();
                nextCut = Environment.TickCount64 + (long)(cutEverySeconds * 1000);
            }

            if (simulator.Finished && !finishedLogged)
            {
                finishedLogged = true;
                logger.Information("Terminal simulator: all {Count} ticks sent ({Sent} frames incl. backfill resends)", data.Length, simulator.TicksSent);
                if (exitAtEnd)
                {
                    Thread.Sleep(500);
                    break;
                }
            }
        }

        simulator.Stop();
        return ExitCodes.Success;
    }
}
