#!/usr/bin/env python3
"""Latency of the API on a running kakunin serve: N sequential POST /api/v1/messages to a local user (same path as
the webmail: queue + Sent copy + tracking in one commit), then N GET /api/v1/messages/{id} and N GET /api/v1/events.
Usage: api-latency.py HTTP_PORT TOKEN [N]. Prints p50/p90/p99 in ms per endpoint (docs/benchmarks.md, API)."""
import http.client, json, sys, time

port, token = int(sys.argv[1]), sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 200
conn = http.client.HTTPConnection("127.0.0.1", port)
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

def timed(method, path, body=None):
    start = time.perf_counter()
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    if response.status >= 300:
        sys.exit(f"{method} {path}: {response.status} {data[:300]!r}")
    return elapsed, data

def report(name, times):
    times = sorted(times)
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    print(f"{name:32s} n={len(times)} p50={pick(.5):.1f} ms p90={pick(.9):.1f} ms p99={pick(.99):.1f} ms")

body = json.dumps({"from": {"address": "alice@example.test"}, "to": [{"address": "bob@example.test"}],
                   "subject": "bench", "text": "x" * 2000, "delivery_receipt": {"notify": ["SUCCESS", "FAILURE"]}})
sends, ids = [], []
for i in range(n):
    t, data = timed("POST", "/api/v1/messages", body)
    sends.append(t)
    ids.append(json.loads(data)["id"])
report("POST /api/v1/messages", sends)
report("GET /api/v1/messages/{id}", [timed("GET", f"/api/v1/messages/{i}")[0] for i in ids])
report("GET /api/v1/events?limit=100", [timed("GET", "/api/v1/events?limit=100")[0] for _ in ids])
report("GET /api/v1/tracking", [timed("GET", "/api/v1/tracking")[0] for _ in ids])
