#!/usr/bin/env bash
# Browser tests of the web page (docs/web.md): builds a store from the sample
# corpus plus a hostile article, starts `storyline serve` on a free loopback
# port, runs tests/web/browser.mjs (playwright-core driving Debian's
# chromium) against it, stops the server. Exit 0 when every check passes,
# 1 otherwise, 77 (skip) when node, chromium or playwright-core is missing.
# Usage: run.sh path/to/storyline OUT_DIR   (the screenshot goes to OUT_DIR)
set -u
bin=${1:?usage: run.sh path/to/storyline OUT_DIR}
out=${2:?usage: run.sh path/to/storyline OUT_DIR}
here=${BASH_SOURCE[0]%/*}
[ "$here" = "${BASH_SOURCE[0]}" ] && here=.
root=$(cd "$here/../.." && pwd)

skip() { echo "skipping the browser tests: $*"; exit 77; }
node=$(command -v node) || skip "node is not installed (scripts/deps.sh)"
chromium=$(command -v chromium || command -v chromium-browser) || skip "chromium is not installed (scripts/deps.sh)"
[ -f "$root/node_modules/playwright-core/package.json" ] ||
    skip "playwright-core is not in $root/node_modules (scripts/deps.sh runs npm ci)"

# A directory of our own, so that two runs at once (release and ASan) never
# share a store, a log or a port.
dir=$(mktemp -d "${TMPDIR:-/tmp}/sl-web.XXXXXX")
server=
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server" 2>/dev/null
        wait "$server" 2>/dev/null
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# An article whose title and text carry markup and script: the page must show
# it as text and run none of it. Its url is a javascript: address.
cat > "$dir/hostile.jsonl" <<'EOF'
{"id": "web-hostile-1", "source": "Mallory Gazette", "url": "javascript:window.__pwned=1", "published": "2025-03-05T09:00:00Z", "title": "<b>Harbour</b> strike <i>update</i> <script>window.__pwned=1</script> & <img src=x onerror=\"window.__pwned=1\">", "text": "Portvale dockworkers met again on Wednesday to discuss the strike at the Port of Portvale, a union official said.\n\nThe article quoted a reader who typed <script>window.__pwned=1</script> into the comment box, and another who posted <img src=x onerror=\"window.__pwned=1\"> as a test of the site.\n\n\"We will not be moved by tricks like <b>this</b>,\" said union leader Tomas Reyna at the gate.\n\nTalks are expected to continue next week, the union said."}
EOF

"$bin" run -q --db "$dir/store.db" "$root/data/sample/feed.jsonl" "$root/data/sample/txt" "$dir/hostile.jsonl" ||
    { echo "storyline run failed"; exit 1; }

# The server, bounded in time in case this script is killed before its trap
# runs; the rate limit is raised so the test's bursts are never refused.
timeout --signal=TERM 900 "$bin" serve --db "$dir/store.db" --port 0 --web "$root/web" \
    --rate 1000 --burst 1000 2> "$dir/serve.log" &
server=$!

url=
for _ in $(seq 1 600); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$dir/serve.log" | head -n 1)
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$url" ]; then
    echo "storyline serve did not start:"
    cat "$dir/serve.log"
    exit 1
fi
echo "server at $url"

status=0
"$node" "$root/tests/web/browser.mjs" "$url" "$chromium" "$out/web-timeline.png" web-hostile-1 || status=1

# A clean stop: SIGTERM makes the server exit 0 (under ASan, also without
# leaks or errors).
kill -TERM "$server"
wait "$server"
rc=$?
server=
if [ "$rc" -ne 0 ]; then
    echo "storyline serve exited with $rc:"
    cat "$dir/serve.log"
    status=1
fi
[ "$status" -eq 0 ] && echo "screenshot: $out/web-timeline.png"
exit "$status"
