import { performance as nodePerformance } from 'node:perf_hooks';

/**
 * Prometheus metrics, rendered as text exposition format 0.0.4 at `GET /metrics`. Labels are
 * route patterns and status codes only (bounded cardinality; no ids, no addresses).
 */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

class Histogram {
  readonly counts: number[];
  sum = 0;
  count = 0;
  constructor(readonly buckets: number[]) {
    this.counts = new Array(buckets.length).fill(0);
  }
  observe(v: number): void {
    this.sum += v;
    this.count++;
    for (let i = 0; i < this.buckets.length; i++) if (v <= this.buckets[i]) this.counts[i]++;
  }
}

const labelText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');

export class Metrics {
  private readonly requests = new Map<string, { labels: Record<string, string>; n: number }>();
  private readonly latency = new Map<string, { labels: Record<string, string>; h: Histogram }>();
  private readonly rejected = new Map<string, number>();
  private readonly batches = new Histogram(BATCH_BUCKETS);
  private readonly commitSeconds = new Histogram(LATENCY_BUCKETS);
  private readonly stages = new Map<string, Histogram>();
  private accepted = 0;
  private readonly started = Date.now();

  constructor(private readonly gauges: () => { treeSize: number; verifyPending: number; commitQueue: number }) {}

  request(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    const key = labelText(labels);
    const r = this.requests.get(key) ?? { labels, n: 0 };
    r.n++;
    this.requests.set(key, r);
    const lkey = `${method} ${route}`;
    const l = this.latency.get(lkey) ?? { labels: { method, route }, h: new Histogram(LATENCY_BUCKETS) };
    l.h.observe(seconds);
    this.latency.set(lkey, l);
  }

  /** Time a write spent in one stage of the write path (`checks`: schema, signature, hooks; `commit`: queued and committed). */
  stage(name: 'checks' | 'commit', seconds: number): void {
    let h = this.stages.get(name);
    if (!h) this.stages.set(name, (h = new Histogram(LATENCY_BUCKETS)));
    h.observe(seconds);
  }

  rejectedWrite(code: string): void {
    this.rejected.set(code, (this.rejected.get(code) ?? 0) + 1);
  }

  commit(accepted: number, seconds: number): void {
    this.accepted += accepted;
    this.batches.observe(accepted);
    this.commitSeconds.observe(seconds);
  }

  render(): string {
    const g = this.gauges();
    const out: string[] = [];
    const metric = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    const histogram = (name: string, h: Histogram, labels: Record<string, string> = {}) => {
      const base = labelText(labels);
      h.buckets.forEach((b, i) => out.push(`${name}_bucket{${base ? base + ',' : ''}le="${b}"} ${h.counts[i]}`));
      out.push(`${name}_bucket{${base ? base + ',' : ''}le="+Inf"} ${h.count}`);
      out.push(`${name}_sum${base ? `{${base}}` : ''} ${h.sum}`, `${name}_count${base ? `{${base}}` : ''} ${h.count}`);
    };
    metric('ostraka_board_tree_size', 'gauge', 'Entries in the log (size of the latest signed tree head).');
    out.push(`ostraka_board_tree_size ${g.treeSize}`);
    metric('ostraka_board_entries_accepted_total', 'counter', 'Entries appended since the process started.');
    out.push(`ostraka_board_entries_accepted_total ${this.accepted}`);
    metric('ostraka_board_writes_rejected_total', 'counter', 'Writes refused, by error code.');
    for (const [code, n] of this.rejected) out.push(`ostraka_board_writes_rejected_total{code="${code}"} ${n}`);
    metric('ostraka_board_http_requests_total', 'counter', 'HTTP requests by method, route and status.');
    for (const r of this.requests.values()) out.push(`ostraka_board_http_requests_total{${labelText(r.labels)}} ${r.n}`);
    metric('ostraka_board_http_request_duration_seconds', 'histogram', 'HTTP request latency by method and route.');
    for (const l of this.latency.values()) histogram('ostraka_board_http_request_duration_seconds', l.h, l.labels);
    metric('ostraka_board_commit_batch_entries', 'histogram', 'Entries per committed transaction (group commit).');
    histogram('ostraka_board_commit_batch_entries', this.batches);
    metric('ostraka_board_commit_duration_seconds', 'histogram', 'Time to apply, sign and durably commit one batch.');
    histogram('ostraka_board_commit_duration_seconds', this.commitSeconds);
    metric('ostraka_board_write_stage_seconds', 'histogram', 'Time writes spend in each stage: checks (schema, signatures, hooks), commit (queue and transaction).');
    for (const [name, h] of this.stages) histogram('ostraka_board_write_stage_seconds', h, { stage: name });
    metric('ostraka_board_signature_checks_pending', 'gauge', 'Signature checks queued or running in the worker pool.');
    out.push(`ostraka_board_signature_checks_pending ${g.verifyPending}`);
    metric('ostraka_board_commit_queue_depth', 'gauge', 'Writes waiting for the next transaction.');
    out.push(`ostraka_board_commit_queue_depth ${g.commitQueue}`);
    const cpu = process.cpuUsage();
    metric('process_cpu_seconds_total', 'counter', 'CPU time of the board process (all threads, user + system).');
    out.push(`process_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}`);
    metric('ostraka_board_event_loop_utilization', 'gauge', 'Share of time the main thread was busy since the process started.');
    out.push(`ostraka_board_event_loop_utilization ${nodePerformance.eventLoopUtilization().utilization}`);
    metric('ostraka_board_uptime_seconds', 'gauge', 'Seconds since the board process started.');
    out.push(`ostraka_board_uptime_seconds ${(Date.now() - this.started) / 1000}`);
    return out.join('\n') + '\n';
  }
}
