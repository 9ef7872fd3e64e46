namespace IctEngine.Host.Operations;

/// <summary>
/// The built-in status page served at <c>/</c>: one self-contained HTML document (inline CSS and script, no external
/// scripts or fonts) that polls <c>/health</c> every two seconds.
/// </summary>
public static class StatusPage
{
    public const string Html = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>IctEngine status</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 1.5rem; background: #f6f7f9; color: #1d232b; }
  h1 { font-size: 1.3rem; margin: 0 0 1rem; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; }
  .card { background: #fff; border-radius: 8px; padding: 1rem; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  .badge { display: inline-block; padding: .15rem .6rem; border-radius: 999px; font-weight: 600; color: #fff; }
  .healthy { background: #2e8540; } .degraded { background: #d98c00; } .unhealthy, .raised { background: #c62828; } .cleared { background: #607d8b; }
  table { width: 100%; border-collapse: collapse; font-size: .9rem; }
  td, th { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid #eceff3; vertical-align: top; }
  .bar { height: .8rem; background: #eceff3; border-radius: 4px; overflow: hidden; }
  .fill { height: 100%; background: #2e8540; }
  .muted { color: #6b7785; font-size: .85rem; }
</style>
</head>
<body>
<h1>IctEngine <span id="overall" class="badge">…</span> <span class="muted" id="updated"></span></h1>
<div class="grid">
  <div class="card"><h2>Trading</h2>
    <p>State: <b id="state">…</b> · open positions <b id="positions">0</b></p>
    <table>
      <tr><td>Balance</td><td id="balance"></td></tr>
      <tr><td>Equity</td><td id="equity"></td></tr>
      <tr><td>Daily loss / limit</td><td id="daily"></td></tr>
      <tr><td colspan="2"><div class="bar"><div class="fill" id="dailyBar" style="width:0"></div></div></td></tr>
      <tr><td>Drawdown / limit</td><td id="dd"></td></tr>
      <tr><td colspan="2"><div class="bar"><div class="fill" id="ddBar" style="width:0"></div></div></td></tr>
    </table>
  </div>
  <div class="card"><h2>Health</h2><table id="components"></table></div>
  <div class="card"><h2>Latest alerts</h2><table id="alerts"></table></div>
</div>
<p class="muted">Metrics for Prometheus at <a href="/metrics">/metrics</a>; this page reads <a href="/health">/health</a>.</p>
<script>
  function cell(text) { const td = document.createElement('td'); td.textContent = text; return td; }
  function badge(status) { const s = document.createElement('span'); s.className = 'badge ' + status; s.textContent = status; const td = document.createElement('td'); td.appendChild(s); return td; }
  function money(v) { return Number(v).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }); }
  function bar(id, used, limit) {
    const pct = limit > 0 ? Math.min(100, 100 * used / limit) : 0;
    const el = document.getElementById(id);
    el.style.width = pct + '%';
    el.style.background = pct >= 80 ? '#c62828' : pct >= 50 ? '#d98c00' : '#2e8540';
  }
  async function refresh() {
    try {
      const h = await (await fetch('/health', { cache: 'no-store' })).json();
      const overall = document.getElementById('overall');
      overall.textContent = h.status; overall.className = 'badge ' + h.status;
      document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString() + ' · up ' + h.uptimeSeconds + ' s';
      const t = h.trading;
      document.getElementById('state').textContent = t.state;
      document.getElementById('positions').textContent = t.openPositions;
      document.getElementById('balance').textContent = money(t.balance);
      document.getElementById('equity').textContent = money(t.equity);
      document.getElementById('daily').textContent = money(t.dailyLoss) + ' / ' + money(t.dailyLossLimit);
      document.getElementById('dd').textContent = money(t.drawdown) + ' / ' + money(t.maxDrawdownLimit);
      bar('dailyBar', t.dailyLoss, t.dailyLossLimit);
      bar('ddBar', t.drawdown, t.maxDrawdownLimit);
      const comps = document.getElementById('components'); comps.replaceChildren();
      for (const c of h.components) { const tr = document.createElement('tr'); tr.append(cell(c.name), badge(c.status), cell(c.detail)); comps.appendChild(tr); }
      const alerts = document.getElementById('alerts'); alerts.replaceChildren();
      if (h.alerts.length === 0) { const tr = document.createElement('tr'); tr.append(cell('no alerts')); alerts.appendChild(tr); }
      for (const a of h.alerts) { const tr = document.createElement('tr'); tr.append(cell(new Date(a.at).toLocaleTimeString()), badge(a.state), cell(a.message)); alerts.appendChild(tr); }
    } catch (e) {
      const overall = document.getElementById('overall');
      overall.textContent = 'unreachable'; overall.className = 'badge unhealthy';
    }
  }
  refresh();
  setInterval(refresh, 2000);
</script>
</body>
</html>
""";
}
