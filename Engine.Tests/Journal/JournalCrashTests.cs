using System.Diagnostics;
using System.Globalization;
using IctEngine.Host.Commands;
using IctEngine.Journal;
using IctEngine.Tests.Support;
using Microsoft.Data.Sqlite;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

/// <summary>
/// Crash safety of the journal on SQLite: a child <c>ict journal stress</c> process appends through a
/// <see cref="JournalWriter"/> and prints each acknowledgement; the test SIGKILLs it mid-run and checks the store.
/// </summary>
[TestFixture]
public sealed class JournalCrashTests
{
    private const int BatchSize = 200;

    [Test]
    public void Kill_MidAppend_EveryAcknowledgedEventIntactAndNoPartialBatch()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ict-crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "crash.db");
        try
        {
            var (ackedCount, ackedPosition, lines) = RunAndKill(path);
            Assert.That(lines, Is.GreaterThanOrEqualTo(5), "the child acknowledged too few batches before the kill");

            using (var store = new SqliteEventStore(path))
            {
                Assert.That(store.GetLastPosition(), Is.GreaterThanOrEqualTo(ackedPosition));
                var stored = new List<RecordedEvent>();
                for (var position = 1L; ;)
                {
                    var page = store.ReadAll(position, 10_000, "stress");
                    stored.AddRange(page);
                    if (page.Count < 10_000)
                    {
                        break;
                    }

                    position = page[^1].Position + 1;
                }

                Assert.That(stored[0].Type, Is.EqualTo(JournalEventTypes.RunStarted));
                var decisions = stored.Skip(1).ToList();
                Assert.That(decisions, Has.Count.GreaterThanOrEqualTo(ackedCount));
                Assert.That(decisions.Count % BatchSize, Is.Zero, "a batch was partly written");
                for (var i = 0; i < decisions.Count; i++)
                {
                    Assert.That(decisions[i].Position, Is.EqualTo(i + 2));
                    var decoded = DecisionCodec.Decode(decisions[i].Payload);
                    if (!DecisionSamples.AreEqual(decoded, JournalCommand.StressDecision(i)))
                    {
                        Assert.Fail($"decision {i} at position {decisions[i].Position} differs from what was appended");
                    }
                }
            }

            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.That(check.ExecuteScalar(), Is.EqualTo("ok"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (long Count, long Position, int Lines) RunAndKill(string path)
    {
        var ict = Path.Combine(TestContext.CurrentContext.TestDirectory, "ict.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { ict, "journal", "stress", "--store", "sqlite:" + path, "--batch", BatchSize.ToString(CultureInfo.InvariantCulture), "--log-dir", string.Empty })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        long count = 0, position = 0;
        var lines = 0;
        var deadline = Stopwatch.StartNew();
        var killAfter = 20 + Random.Shared.Next(30);
        try
        {
            while (lines < killAfter && deadline.Elapsed < TimeSpan.FromSeconds(90))
            {
                var line = child.StandardOutput.ReadLine();
                if (line is null)
                {
                    Assert.Fail($"ict journal stress exited early ({child.ExitCode}): {stderr.Result}");
                }

                var parts = line!.Split(' ');
                Assert.That(parts[0], Is.EqualTo("ack"), line);
                count = long.Parse(parts[1], CultureInfo.InvariantCulture);
                position = long.Parse(parts[2], CultureInfo.InvariantCulture);
                lines++;
            }
        }
        finally
        {
            // SIGKILL: no finalizers, no flush, no disposal; whatever is on disk is all there is.
            child.Kill(entireProcessTree: true);
            child.WaitForExit(30_000);
        }

        return (count, position, lines);
    }
}
