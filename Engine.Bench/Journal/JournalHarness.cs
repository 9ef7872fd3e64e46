using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IctEngine.Bench.Harness;
using IctEngine.Journal;

namespace IctEngine.Bench.Journal;

/// <summary>
/// <c>journal</c>: batched appends of small decision events and full reads, SQLite against PostgreSQL in the same
/// run (PostgreSQL with <c>--postgres CONNSTRING</c>, or <c>ICT_TEST_POSTGRES</c>; <c>--batch N</c> events per append, default 1,000). Goals: SQLite ≥ 200k appends/s,
/// PostgreSQL ≥ 150k appends/s, reads ≥ 1M events/s.
/// </summary>
public sealed class JournalHarness : IHarness
{
    private const double SqliteAppendGoal = 200_000;
    private const double PostgresAppendGoal = 150_000;
    private const double ReadGoal = 1_000_000;
    private const int WarmupBatches = 60;

    public string Name => "journal";

    public string Description => "Event store: batched appends and reads, SQLite vs PostgreSQL (--postgres CONNSTRING).";

    public int Run(string[] args)
    {
        var options = HarnessArgs.Parse(args);
        var postgres = options.Value("--postgres") ?? Environment.GetEnvironmentVariable("ICT_TEST_POSTGRES");
        var batchSize = options.Value("--batch") is { } batch ? int.Parse(batch, CultureInfo.InvariantCulture) : 1_000;

        var events = options.Quick ? 50_000 : 1_000_000;
        var runs = options.Quick ? 1 : options.Runs;
        var workload = new JournalWorkload(batchSize);
        var results = new List<Result>();
        var directory = Path.Combine(Path.GetTempPath(), "ict-bench-journal-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        try
        {
            for (var run = 0; run < runs; run++)
            {
                var path = Path.Combine(directory, $"bench-{run}.db");
                results.Add(Measure("sqlite", () => new SqliteEventStore(path), workload, events, SqliteAppendGoal));
                if (!string.IsNullOrWhiteSpace(postgres))
                {
                    var schema = "ict_bench_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "_" + run.ToString(CultureInfo.InvariantCulture);
                    PostgresSchema(postgres, schema, create: true);
                    try
                    {
                        var connection = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { SearchPath = schema }.ToString();
                        results.Add(Measure("postgres", () => new PostgresEventStore(connection), workload, events, PostgresAppendGoal));
                    }
                    finally
                    {
                        PostgresSchema(postgres, schema, create: false);
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        Print(results, workload, events, postgres is not null);
        var probePath = Path.Combine(Path.GetTempPath(), "ict-bench-journal-probe-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".db");
        JournalWriterProbe.ProbeResult probe;
        try
        {
            using var probeStore = new SqliteEventStore(probePath);
            probe = JournalWriterProbe.Run(probeStore, options.Quick ? 200_000 : 1_000_000, 100_000);
        }
        finally
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(probePath + suffix);
            }
        }

        Console.WriteLine(
            $"journal stage on sqlite, 1 decision per commit at 100k/s: Add+Commit p99 {probe.P99Ns:N0} ns, p99.99 {probe.P9999Ns:N0} ns, "
            + $"max {probe.MaxNs:N0} ns, calls over {JournalWriterProbe.StallThresholdNs / 1000} µs: {probe.Stalls:N0} ({probe.StalledNs / 1e6:0.0} ms)");
        if (options.JsonPath is not null)
        {
            File.WriteAllText(options.JsonPath, JsonSerializer.Serialize(new
            {
                harness = Name,
                quick = options.Quick,
                eventsPerRun = events,
                batchSize = workload.BatchSize,
                writerProbe = probe,
                averagePayloadBytes = workload.AveragePayloadBytes,
                results = results.Select(r => new
                {
                    backend = r.Backend,
                    appendPerSecond = r.AppendPerSecond,
                    readPerSecond = r.ReadPerSecond,
                    appendGoal = r.AppendGoal,
                    readGoal = ReadGoal,
                    appendRatio = r.AppendPerSecond / r.AppendGoal,
                    readRatio = r.ReadPerSecond / ReadGoal,
                }),
            }, new JsonSerializerOptions { WriteIndented = true }));
        }

        return 0;
    }

    private static Result Measure(string backend, Func<IEventStore> open, JournalWorkload workload, int events, double appendGoal)
    {
        using var store = open();
        var batch = new EventBatch();
        var batches = events / workload.BatchSize;

        // Warm-up on another run until the append and read paths are past tiered JIT: with only a few batches the
        // on-stack replacement of the per-event loops landed inside the measurement (a one-off stall of seconds
        // under load that dominated the quick run).
        for (var b = 0; b < WarmupBatches; b++)
        {
            workload.Fill(batch, "warmup", b);
            store.Append(batch);
        }

        for (var from = 1L; store.ReadAll(from, 10_000) is { Count: > 0 } page; from = page[^1].Position + 1)
        {
        }

        var start = store.GetLastPosition() + 1;
        var watch = Stopwatch.StartNew();
        for (var b = 0; b < batches; b++)
        {
            workload.Fill(batch, "bench", b);
            store.Append(batch);
        }

        var appendSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        long read = 0;
        var position = start;
        while (true)
        {
            var page = store.ReadAll(position, 10_000);
            if (page.Count == 0)
            {
                break;
            }

            read += page.Count;
            position = page[^1].Position + 1;
        }

        var readSeconds = watch.Elapsed.TotalSeconds;
        if (read != (long)batches * workload.BatchSize)
        {
            throw new InvalidOperationException($"{backend}: read {read} events, appended {batches * workload.BatchSize}.");
        }

        return new Result(backend, read / appendSeconds, read / readSeconds, appendGoal);
    }

    private static void PostgresSchema(string connectionString, string schema, bool create)
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(create ? $"CREATE SCHEMA {schema}" : $"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        command.ExecuteNonQuery();
    }

    private static void Print(List<Result> results, JournalWorkload workload, int events, bool withPostgres)
    {
        Console.WriteLine($"journal: {events:N0} events per backend per run, {workload.BatchSize} per append, ~{workload.AveragePayloadBytes:0} B payloads, {workload.Streams} streams");
        Console.WriteLine($"{"backend",-10} {"append/s",12} {"goal",10} {"ratio",7} {"read/s",12} {"goal",10} {"ratio",7}");
        foreach (var group in results.GroupBy(r => r.Backend))
        {
            var append = Median(group.Select(r => r.AppendPerSecond));
            var read = Median(group.Select(r => r.ReadPerSecond));
            var goal = group.First().AppendGoal;
            Console.WriteLine($"{group.Key,-10} {append,12:N0} {goal,10:N0} {append / goal,7:0.00} {read,12:N0} {ReadGoal,10:N0} {read / ReadGoal,7:0.00}");
        }

        var bySqlite = results.Where(r => r.Backend == "sqlite").ToList();
        var byPostgres = results.Where(r => r.Backend == "postgres").ToList();
        if (bySqlite.Count > 0 && byPostgres.Count > 0)
        {
            var appendRatio = Median(byPostgres.Select(r => r.AppendPerSecond)) / Median(bySqlite.Select(r => r.AppendPerSecond));
            var readRatio = Median(byPostgres.Select(r => r.ReadPerSecond)) / Median(bySqlite.Select(r => r.ReadPerSecond));
            Console.WriteLine($"postgres/sqlite (same run): appends {appendRatio:0.00}x, reads {readRatio:0.00}x");
        }

        if (!withPostgres)
        {
            Console.WriteLine("postgres: skipped (pass --postgres CONNSTRING or set ICT_TEST_POSTGRES)");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private sealed record Result(string Backend, double AppendPerSecond, double ReadPerSecond, double AppendGoal);
}
