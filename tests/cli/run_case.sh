#!/usr/bin/env bash
# Run one data-driven CLI test case (format: tests/cli/README.md).
# usage: run_case.sh STORYLINE_BINARY CASE_FILE
set -u
bin=$1
case_file=$2
name=$(basename "$case_file" .test)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Split the case into its header and sections.
awk -v dir="$tmp" '
  /^--- [a-z-]+$/ { section = $2; printf "" > (dir "/" section); next }
  section == "" { print > (dir "/header"); next }
  { print >> (dir "/" section) }
' "$case_file"

field() { grep -m1 "^$1:" "$tmp/header" | sed "s/^$1:[[:space:]]*//"; }
args=$(field args)
want_exit=$(field exit)
requires=$(field requires)
want_exit=${want_exit:-0}

if [ -n "$requires" ] && [ ! -e "$requires" ]; then
  echo "SKIP $name: $requires not found"
  exit 77
fi

stdin_file=/dev/null
[ -f "$tmp/stdin" ] && stdin_file="$tmp/stdin"
# Sections may hold \xHH escapes for bytes a text file cannot show; mark
# such a section with a first line "#bytes".
for s in stdin; do
  if [ -f "$tmp/$s" ] && head -1 "$tmp/$s" | grep -q '^#bytes$'; then
    tail -n +2 "$tmp/$s" | perl -pe 's/\\x([0-9a-fA-F]{2})/chr(hex($1))/ge' > "$tmp/$s.bin"
    stdin_file="$tmp/$s.bin"
  fi
done

export NO_COLOR=1
eval "set -- $args"
"$bin" "$@" < "$stdin_file" > "$tmp/got_stdout" 2> "$tmp/got_stderr"
got_exit=$?

status=0
if [ "$got_exit" != "$want_exit" ]; then
  echo "FAIL $name: exit $got_exit, want $want_exit"
  status=1
fi
if [ -f "$tmp/stdout" ] && ! cmp -s "$tmp/stdout" "$tmp/got_stdout"; then
  echo "FAIL $name: stdout differs (want, got):"
  diff "$tmp/stdout" "$tmp/got_stdout" | head -40
  status=1
fi
# expect_lines SECTION GOT: every non-empty line of SECTION appears in GOT.
expect_lines() {
  [ -f "$tmp/$1" ] || return 0
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    if ! grep -qF -- "$line" "$tmp/$2"; then
      echo "FAIL $name: $1 lacks: $line"
      status=1
    fi
  done < "$tmp/$1"
}
expect_lines stderr got_stderr
expect_lines stdout-has got_stdout
if [ -f "$tmp/stderr" ] && [ ! -s "$tmp/stderr" ] && [ -s "$tmp/got_stderr" ]; then
  echo "FAIL $name: stderr should be empty"
  status=1
fi
if [ "$status" != 0 ]; then
  echo "--- stderr was:"
  head -20 "$tmp/got_stderr"
else
  echo "PASS $name"
fi
exit $status
