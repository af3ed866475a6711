#!/usr/bin/env python3
"""Search latency through the HTTP API: N queries (one word each, taken
from the store's titles with a fixed seed) on one keep-alive connection to
a running `storyline serve`; prints "median_ms p99_ms hits_per_query".

usage: serve_latency.py PORT STORE [N]"""
import http.client, json, random, re, sqlite3, sys, time


def query_words(store, n):
    db = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    words = set()
    for (title,) in db.execute("SELECT title FROM documents WHERE title IS NOT NULL ORDER BY doc LIMIT 5000"):
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", title))
    words = sorted(words)
    rng = random.Random(1)
    return [rng.choice(words) for _ in range(n)]


def main():
    port, store = int(sys.argv[1]), sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times, hits = [], 0
    for word in query_words(store, n):
        start = time.perf_counter()
        conn.request("GET", "/api/search?q=%s&limit=20" % word)
        resp = conn.getresponse()
        body = resp.read()
        times.append(time.perf_counter() - start)
        if resp.status != 200:
            sys.exit("search %s: status %d: %s" % (word, resp.status, body[:200]))
        hits += len(json.loads(body)["results"])
    times.sort()
    median = times[len(times) // 2] * 1000
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000
    print("%.2f %.2f %.1f" % (median, p99, hits / n))


if __name__ == "__main__":
    main()
