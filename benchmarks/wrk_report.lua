-- Prints the figures the benchmark needs as one JSON line: requests/s, p50, p95, p99 (ms) and errors.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format('{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.1f, "p95_ms": %.1f, "p99_ms": %.1f, "errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors))
end
