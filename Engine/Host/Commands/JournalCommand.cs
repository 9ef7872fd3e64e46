using System.CommandLine;
using System.Globalization;
using IctEngine.Core;
using IctEngine.Journal;

namespace IctEngine.Host.Commands;

/// <summary>
/// The <c>ict journal</c> verb: <c>runs</c>, <c>streams</c>, <c>events</c> (filters and <c>--follow</c>) and
/// <c>export</c> (a run as JSON lines) over an event store; plus the hidden <c>stress</c> subcommand that the crash
/// test kills mid-append.
/// </summary>
public static class JournalCommand
{
    /// <summary>The store used when <c>--store</c> is not given: the same as every other verb's.</summary>
    public const string DefaultStore = StoreOptions.Default;

    private const int PageSize = 4096;

    public static Command Create()
    {
        var command = new Command("journal", "List runs and streams, print events and export a run from the event store.");
        command.Subcommands.Add(CreateRuns());
        command.Subcommands.Add(CreateStreams());
        command.Subcommands.Add(CreateEvents());
        command.Subcommands.Add(CreateExport());
        command.Subcommands.Add(CreateStress());
        return command;
    }

    private static Option<string> StoreOption() => StoreOptions.Create();

    private static Command CreateRuns()
    {
        var store = StoreOption();
        var command = new Command("runs", "List the runs in the store: id, start, completion, streams and events.");
        command.Options.Add(store);
        command.SetAction(parse => Guarded(parse, () =>
        {
            using var events = OpenExisting(parse.GetValue(store)!);
            var runs = RunCatalog.ListRuns(events);
            Console.WriteLine($"{"run",-28} {"started (UTC)",-24} {"completed (UTC)",-24} {"streams",7} {"events",10}");
            foreach (var run in runs)
            {
                var completed = run.CompletedNs is { } ns ? new Timestamp(ns).ToMillisecondString() : "-";
                Console.WriteLine(
                    $"{run.RunId,-28} {new Timestamp(run.StartedNs).ToMillisecondString(),-24} {completed,-24} {run.Streams.Count,7} {run.EventCount,10:N0}");
            }

            Console.Error.WriteLine($"{runs.Count} run(s) in {events.Description}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateStreams()
    {
        var store = StoreOption();
        var run = new Option<string?>("--run") { Description = "Only this run's streams." };
        var command = new Command("streams", "List streams and their versions.");
        command.Options.Add(store);
        command.Options.Add(run);
        command.SetAction(parse => Guarded(parse, () =>
        {
            using var events = OpenExisting(parse.GetValue(store)!);
            var runId = parse.GetValue(run);
            var streams = events.ListStreams(runId is null ? null : JournalStreams.Run(runId));
            foreach (var stream in streams)
            {
                if (runId is null || stream.Name == JournalStreams.Run(runId) || stream.Name.StartsWith(JournalStreams.Symbol(runId, string.Empty), StringComparison.Ordinal))
                {
                    Console.WriteLine($"{stream.Name,-48} {stream.Version + 1,12:N0} events");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateEvents()
    {
        var store = StoreOption();
        var run = new Option<string?>("--run") { Description = "Only events of this run." };
        var stream = new Option<string?>("--stream") { Description = "Only events of this stream." };
        var type = new Option<string[]>("--type") { Description = "Only events of these types (repeatable, e.g. --type SignalRaised).", AllowMultipleArgumentsPerToken = true };
        var from = new Option<long>("--from") { Description = "First global position to print.", DefaultValueFactory = _ => 1 };
        var limit = new Option<long?>("--limit") { Description = "Print at most this many events." };
        var follow = new Option<bool>("--follow") { Description = "Keep printing new events as they are appended (Ctrl+C to stop)." };
        var json = new Option<bool>("--json") { Description = "Print JSON lines instead of text." };
        var command = new Command("events", "Print events with decoded, named fields.");
        foreach (var option in new Option[] { store, run, stream, type, from, limit, follow, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Guarded(parse, () =>
        {
            var types = parse.GetValue(type) ?? [];
            var filter = new EventFilter(parse.GetValue(run), parse.GetValue(stream), types.Length == 0 ? null : new HashSet<string>(types, StringComparer.Ordinal));
            var format = parse.GetValue(json) ? (Func<RecordedEvent, string>)JournalEventFormatter.ToJson : JournalEventFormatter.ToLine;
            var max = parse.GetValue(limit) ?? long.MaxValue;
            using var events = OpenExisting(parse.GetValue(store)!);
            if (parse.GetValue(follow))
            {
                Follow(events, parse.GetValue(from), filter, format, max);
                return ExitCodes.Success;
            }

            long printed = 0;
            if (filter.Stream is not null && filter.Run is null)
            {
                for (var version = 0L; printed < max;)
                {
                    var page = events.ReadStreamForwards(filter.Stream, version, PageSize);
                    foreach (var e in page)
                    {
                        if (e.Position >= parse.GetValue(from) && filter.Matches(e) && printed < max)
                        {
                            Console.WriteLine(format(e));
                            printed++;
                        }
                    }

                    if (page.Count < PageSize)
                    {
                        break;
                    }

                    version = page[^1].Version + 1;
                }

                return ExitCodes.Success;
            }

            ForEach(events, parse.GetValue(from), filter.Run, e =>
            {
                if (filter.Matches(e) && printed < max)
                {
                    Console.WriteLine(format(e));
                    printed++;
                }

                return printed < max;
            });
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateExport()
    {
        var store = StoreOption();
        var run = new Option<string>("--run") { Description = "The run to export.", Required = true };
        var output = new Option<string?>("--output") { Description = "Write to this file instead of stdout." };
        var command = new Command("export", "Export every event of a run, in position order, as JSON lines.");
        command.Options.Add(store);
        command.Options.Add(run);
        command.Options.Add(output);
        command.SetAction(parse => Guarded(parse, () =>
        {
            using var events = OpenExisting(parse.GetValue(store)!);
            var runId = parse.GetValue(run)!;
            if (RunCatalog.FindRun(events, runId) is null)
            {
                throw new UsageException($"--run: no run '{runId}' in {events.Description} (see ict journal runs).");
            }

            var path = parse.GetValue(output);
            var writer = path is null ? Console.Out : new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
            long count = 0;
            try
            {
                ForEach(events, 1, runId, e =>
                {
                    writer.Write(JournalEventFormatter.ToJson(e));
                    writer.Write('\n');
                    count++;
                    return true;
                });
                writer.Flush();
            }
            finally
            {
                if (path is not null)
                {
                    writer.Dispose();
                }
            }

            Console.Error.WriteLine($"exported {count:N0} events of run {runId}" + (path is null ? string.Empty : $" to {path}"));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// Hidden: journals synthetic decisions through a <see cref="JournalWriter"/> until killed (or <c>--count</c>),
    /// printing <c>ack COUNT POSITION</c> after each batch the store acknowledged. The crash test SIGKILLs it.
    /// </summary>
    private static Command CreateStress()
    {
        var store = StoreOption();
        var count = new Option<long>("--count") { Description = "Stop after this many decisions (0: run until killed).", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "Decisions per group commit.", DefaultValueFactory = _ => 500 };
        var runId = new Option<string>("--run-id") { Description = "Run id.", DefaultValueFactory = _ => "stress" };
        var command = new Command("stress", "Append synthetic decisions continuously (crash testing).") { Hidden = true };
        command.Options.Add(store);
        command.Options.Add(count);
        command.Options.Add(batch);
        command.Options.Add(runId);
        command.SetAction(parse => Guarded(parse, () =>
        {
            var total = parse.GetValue(count);
            var perBatch = Math.Max(1, parse.GetValue(batch));
            var run = parse.GetValue(runId)!;
            using var events = EventStoreFactory.Open(parse.GetValue(store)!);
            RunCatalog.RecordStarted(events, run, "{\"stress\":true}", 0);
            using var writer = new JournalWriter(events, new JournalWriterOptions { RunId = run, SymbolName = id => "S" + id.ToString(CultureInfo.InvariantCulture) });
            var stdout = Console.Out;
            for (long n = 0; total == 0 || n < total;)
            {
                for (var i = 0; i < perBatch; i++, n++)
                {
                    writer.Add(StressDecision(n));
                }

                writer.Flush();
                stdout.WriteLine($"ack {writer.Appended} {writer.LastPosition}");
                stdout.Flush();
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The stress run's decision number <paramref name="n"/>: the crash test recomputes it to verify payloads.</summary>
    internal static Decision StressDecision(long n) => new()
    {
        Type = DecisionType.BarClosed,
        SymbolId = (int)(n % 3),
        Timeframe = 60,
        TimeNs = 1_400_000_000_000_000_000 + (n * 1_000_000_000L),
        CorrelationId = n,
        Id = n + 1,
        A = 108_000 + (n % 977),
        B = 108_100 + (n % 977),
        C = 107_900 + (n % 977),
        D = 108_050 + (n % 977),
        E = n,
    };

    /// <summary>
    /// Runs a subcommand with the host's exit-code contract: System.CommandLine's default exception handler would
    /// print a stack trace and exit 1 for bad input, so bad input is mapped to one line and exit 2 here.
    /// </summary>
    private static int Guarded(ParseResult parse, Func<int> body)
    {
        GlobalOptions.ApplyLogging(parse, console: parse.CommandResult.Command.Name != "stress");
        try
        {
            return body();
        }
        catch (Exception e) when (Program.IsBadInput(e))
        {
            Console.Error.WriteLine($"ict: {e.Message}");
            return ExitCodes.BadUsage;
        }
        catch (Exception e) when (e is IOException or JournalFaultException or Npgsql.NpgsqlException or WrongExpectedVersionException)
        {
            Serilog.Log.ForContext(typeof(JournalCommand)).Error(e, "ict journal failed");
            Console.Error.WriteLine($"ict: failed: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static void Follow(IEventStore events, long from, EventFilter filter, Func<RecordedEvent, string> format, long max)
    {
        using var done = new ManualResetEventSlim(false);
        long printed = 0;
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            done.Set();
        };
        using var subscription = events.SubscribeToAll(from, e =>
        {
            if (filter.Matches(e) && printed < max)
            {
                Console.WriteLine(format(e));
                if (++printed >= max)
                {
                    done.Set();
                }
            }
        }, TimeSpan.FromMilliseconds(250));
        while (!done.Wait(500))
        {
            if (subscription.Fault is { } fault)
            {
                throw new IOException($"Following {events.Description} stopped: {fault.Message}", fault);
            }
        }
    }

    private static void ForEach(IEventStore events, long from, string? runId, Func<RecordedEvent, bool> action)
    {
        var position = Math.Max(1, from);
        while (true)
        {
            var page = events.ReadAll(position, PageSize, runId);
            foreach (var e in page)
            {
                if (!action(e))
                {
                    return;
                }
            }

            if (page.Count < PageSize)
            {
                return;
            }

            position = page[^1].Position + 1;
        }
    }

    private static IEventStore OpenExisting(string location)
    {
        if (location.StartsWith(EventStoreFactory.SqlitePrefix, StringComparison.OrdinalIgnoreCase)
            && !File.Exists(location[EventStoreFactory.SqlitePrefix.Length..]))
        {
            throw new FileNotFoundException($"--store: {location[EventStoreFactory.SqlitePrefix.Length..]} does not exist.");
        }

        try
        {
            return EventStoreFactory.Open(location);
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--store: " + e.Message);
        }
    }

    private sealed record EventFilter(string? Run, string? Stream, HashSet<string>? Types)
    {
        public bool Matches(RecordedEvent e) =>
            (Run is null || e.Metadata.RunId == Run)
            && (Stream is null || e.Stream == Stream)
            && (Types is null || Types.Contains(e.Type));
    }
}
