using IctEngine.Core;

namespace IctEngine.Execution;

/// <summary>
/// The terminal's positions, working orders and account as they stood at one point of the ring: where a live host
/// published a reconciliation marker. Captured on the thread that publishes the broker's reports, at the moment the
/// marker is published, so it reflects exactly the reports ahead of the marker and none behind it; the
/// <see cref="Reconciler"/> compares it with the account as execution has it at that marker. Built once per session
/// (a slow path), never per event.
/// </summary>
public sealed class BrokerSnapshot
{
    public BrokerSnapshot(long sequence, BrokerReport[] positions, BrokerReport[] orders, in BrokerReport account, long[]? inFlight = null)
    {
        Sequence = sequence;
        Positions = positions;
        Orders = orders;
        Account = account;
        InFlight = inFlight ?? [];
    }

    /// <summary>The marker's id (carried in the marker report's <see cref="BrokerReport.BrokerOrderId"/>).</summary>
    public long Sequence { get; }

    /// <summary>Open positions as <see cref="BrokerReportType.PositionState"/> reports in engine ids.</summary>
    public BrokerReport[] Positions { get; }

    /// <summary>Working orders as <see cref="BrokerReportType.OrderState"/> reports in engine ids.</summary>
    public BrokerReport[] Orders { get; }

    /// <summary>
    /// Client order ids sent to the terminal in this session before the capture: the terminal's snapshot (sent at the
    /// session's start) cannot show them yet and their results are still to come, so they are not differences.
    /// </summary>
    public long[] InFlight { get; }

    /// <summary>The last <see cref="BrokerReportType.AccountState"/> of the session; Type None when none came.</summary>
    public BrokerReport Account { get; }

    /// <summary>True when the terminal reported its account (balance, equity) in this session before the marker.</summary>
    public bool HasAccount => Account.Type == BrokerReportType.AccountState;
}
