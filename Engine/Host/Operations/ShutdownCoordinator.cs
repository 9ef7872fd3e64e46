using System.Diagnostics;
using System.Runtime.InteropServices;
using Serilog;

namespace IctEngine.Host.Operations;

/// <summary>
/// One handler for Ctrl+C / SIGINT, SIGTERM and SIGQUIT: the first signal requests shutdown (cancels
/// <see cref="ShutdownRequested"/>); the host then calls <see cref="RunSteps"/>, which runs the registered steps in
/// order (stop intake, drain the ring, flush the journal, close the bridge), each guarded so a failing step does not
/// skip the rest, and logs the time taken. A second signal while shutting down forces exit with code 130.
/// </summary>
public sealed class ShutdownCoordinator : IDisposable
{
    private static readonly ILogger Logger = Log.ForContext<ShutdownCoordinator>();

    private readonly List<(string Name, Action Step)> _steps = [];
    private readonly CancellationTokenSource _requested = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly Action<int> _forceExit;
    private readonly Lock _lock = new();
    private int _signals;
    private TimeSpan? _elapsed;

    /// <param name="forceExit">What a second signal does; <see cref="Environment.Exit"/> unless a test injects another.</param>
    public ShutdownCoordinator(Action<int>? forceExit = null) => _forceExit = forceExit ?? Environment.Exit;

    /// <summary>Cancelled by the first signal (or <see cref="RequestShutdown"/>).</summary>
    public CancellationToken ShutdownRequested => _requested.Token;

    /// <summary>Time <see cref="RunSteps"/> took, once it has run.</summary>
    public TimeSpan? Elapsed => _elapsed;

    /// <summary>Adds a step; steps run in the order added.</summary>
    public void AddStep(string name, Action step)
    {
        lock (_lock)
        {
            _steps.Add((name, step));
        }
    }

    /// <summary>Installs the signal handlers (call once at start-up).</summary>
    public void Register()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // Keep the runtime from terminating the process: shutdown is ours to run.
                context.Cancel = true;
                OnSignal(context.Signal.ToString());
            }));
        }
    }

    /// <summary>What a signal does; public so the host (and tests) can trigger the same path.</summary>
    public void OnSignal(string source)
    {
        var count = Interlocked.Increment(ref _signals);
        if (count == 1)
        {
            Logger.Information("Shutdown requested ({Source}); a second signal forces exit", source);
            _requested.Cancel();
            return;
        }

        Logger.Warning("Second signal ({Source}): forcing exit", source);
        Log.CloseAndFlush();
        _forceExit(130);
    }

    /// <summary>Requests shutdown without a signal (e.g. a fatal pipeline error).</summary>
    public void RequestShutdown(string reason) => OnSignal(reason);

    /// <summary>Runs every step once (later calls return the first run's time) and logs the duration.</summary>
    public TimeSpan RunSteps()
    {
        lock (_lock)
        {
            if (_elapsed is { } done)
            {
                return done;
            }

            var total = Stopwatch.StartNew();
            foreach (var (name, step) in _steps)
            {
                RunStep(name, step);
            }

            var elapsed = total.Elapsed;
            _elapsed = elapsed;
            Logger.Information("Shutdown completed in {Ms} ms", (long)elapsed.TotalMilliseconds);
            return elapsed;
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _registrations.Clear();
        _requested.Dispose();
    }

    /// <summary>Runs one shutdown step, logging its time; a failing step is logged and the shutdown continues.</summary>
    internal static void RunStep(string name, Action step)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            step();
            Logger.Information("Shutdown step {Step} done in {Ms} ms", name, watch.ElapsedMilliseconds);
        }
        catch (Exception e)
        {
            Logger.Error(e, "Shutdown step {Step} failed after {Ms} ms; continuing", name, watch.ElapsedMilliseconds);
        }
    }
}
