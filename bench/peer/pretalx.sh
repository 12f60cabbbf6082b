#!/usr/bin/env bash
# The peer of issue 16: pretalx (the open-source call-for-papers and review
# system, from PyPI) seeded with 300 talks, served for the same load as our
# innovation page and catalogue.
#
#   bench/peer/pretalx.sh DIR PORT   install (first time), seed (first time),
#                                    start; prints TALK_URL=… and LIST_URL=…
#                                    and leaves the server running
#   bench/peer/pretalx.sh stop DIR   stop the server (and its Redis)
#   bench/peer/pretalx.sh lock       regenerate bench/peer/requirements.lock
#
# What it sets up, all under DIR:
#   venv/            a virtualenv with exactly the packages of requirements.lock
#                    (hash-checked, no dependency resolution at install time),
#                    pretalx's static files collected and compressed in
#                    venv/static.dist by `pretalx rebuild`; reused while
#                    venv/.bench-lock holds the lock's sha256 and the Python
#   pretalx.cfg      pretalx's configuration: DEBUG off, SQLite in data/,
#                    no Celery broker (tasks run synchronously), Redis (cache
#                    and sessions, as pretalx's installation guide requires)
#   redis.sock       a private redis-server on a Unix socket, nothing on disk,
#                    nothing on the network (pid in redis.pid)
#   data/            the SQLite database, seeded by pretalx_seed.py through
#                    pretalx's domain functions: one organiser, event `bench`,
#                    300 confirmed talks, each with its own speaker, in 6
#                    rooms over 3 days, schedule 1.0 released; reseeded from an
#                    empty database whenever the lock or the seed script
#                    changes (data/.bench-seed holds their sha256)
#   pretalx.pid      gunicorn's master: `pretalx.wsgi`, 2 sync workers (the
#                    worker class of pretalx's guide), --max-requests 1200
#                    --max-requests-jitter 50 as in the guide, on 127.0.0.1:PORT;
#                    static files are served by pretalx's WhiteNoise middleware
#   gunicorn.log     gunicorn's and pretalx's log
# The two URLs printed: TALK_URL is the public page of the first talk
# (/bench/talk/CODE/); LIST_URL is /bench/schedule/nojs, pretalx's list of all
# sessions rendered on the server (270 kB, all 300 titles, speakers, rooms and
# times). /bench/talk/ and /bench/schedule/ are the same list drawn in the
# browser: a 14 kB page whose script fetches /bench/schedule/widgets/schedule.json.
# LOAD THEM WITH `Accept: text/html` (wrk -H 'Accept: text/html'): pretalx answers a
# request for the schedule pages without an Accept header (wrk's default) or with
# `*/*` (curl's) with the schedule drawn as terminal text instead. With 32
# connections queued behind 2 sync workers a list response waits seconds: give
# wrk `--timeout 30s` (its 2 s default counts them as timeouts and drops their
# latencies), and pause before the next run, as gunicorn still answers the
# requests that wrk left queued.
#
# Mail goes to Django's dummy backend (pretalx_bench_settings.py): nothing is
# sent anywhere. Nothing is fetched after the install.
#
# Python: pretalx 2026.2.1 requires Python >= 3.13 and the lock holds CPython
# 3.13 wheels (x86_64 Linux), so the script needs a CPython 3.13: $PRETALX_PYTHON,
# else python3.13 on PATH, else pyenv's newest 3.13.x. The machine's python3
# (3.11) cannot install it.
#
# Regenerating the lock (after changing PRETALX_VERSION below, say):
#   bench/peer/pretalx.sh lock
# resolves pretalx==$PRETALX_VERSION plus gunicorn in a scratch venv with
# `pip install --dry-run --report` and writes every package of the resolution
# as `name==version --hash=sha256:…` of the file pip chose. Commit the result.
set -euo pipefail

PRETALX_VERSION=2026.2.1
WORKERS=2
SLUG=bench
TALKS=300
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOCK=$HERE/requirements.lock
SEED=$HERE/pretalx_seed.py
SETTINGS=$HERE/pretalx_bench_settings.py
STARTED=0

die() {
    echo "pretalx.sh: $*" >&2
    exit 1
}

usage() {
    sed -n '6,10p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# Our own knob, read before the environment is cleaned of PRETALX_* (pretalx
# reads PRETALX_* variables over its configuration file).
WANT_PYTHON=${PRETALX_PYTHON:-}
while read -r var; do unset "$var"; done < <(compgen -e | grep '^PRETALX_' || true)

find_python() {
    local candidates=() p
    if [[ -n $WANT_PYTHON ]]; then
        candidates=("$WANT_PYTHON")
    else
        p=$(command -v python3.13 || true)
        [[ -n $p ]] && candidates+=("$p")
        for p in $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13.* 2>/dev/null | sort -rV); do
            candidates+=("$p/bin/python3")
        done
    fi
    for p in "${candidates[@]}"; do
        if [[ -x $p ]] && "$p" -c 'import sys, venv, sqlite3; sys.exit(sys.version_info[:2] != (3, 13) or sys.implementation.name != "cpython")' 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    die "no CPython 3.13 found (pretalx $PRETALX_VERSION needs >= 3.13; the lock holds 3.13 wheels). Set PRETALX_PYTHON=/path/to/python3.13"
}

# Wait until a command succeeds, at most $1 seconds.
wait_for() {
    local seconds=$1
    shift
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.5
    done
}

# Stop the process whose pid is in file $1 (TERM, then KILL after 20 s).
stop_pidfile() {
    local file=$1 pid
    [[ -f $file ]] || return 0
    pid=$(cat "$file" 2>/dev/null || true)
    if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        if ! wait_for 20 bash -c "! kill -0 $pid"; then
            echo "pretalx.sh: $pid did not stop in 20 s, killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$file"
}

cmd_stop() {
    local dir=$1
    [[ -d $dir ]] || die "no such directory: $dir"
    stop_pidfile "$dir/pretalx.pid"
    stop_pidfile "$dir/redis.pid"
    rm -f "$dir/redis.sock"
}

cmd_lock() {
    local python
    python=$(find_python)
    LOCK_TMP=$(mktemp -d)
    trap 'rm -rf "$LOCK_TMP"' EXIT
    local tmp=$LOCK_TMP
    "$python" -m venv "$tmp/venv"
    "$tmp/venv/bin/pip" install --quiet --dry-run --ignore-installed \
        --report "$tmp/report.json" "pretalx==$PRETALX_VERSION" gunicorn \
        || die "pip could not resolve pretalx==$PRETALX_VERSION"
    "$tmp/venv/bin/python" - "$tmp/report.json" "$PRETALX_VERSION" >"$tmp/lock" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
print(f"# pretalx {sys.argv[2]} and gunicorn for bench/peer/pretalx.sh, every package pinned")
print(f"# with the hash of the file pip chose for CPython {sys.version_info[0]}.{sys.version_info[1]} on this platform.")
print("# Regenerate with: bench/peer/pretalx.sh lock")
rows = []
for item in report["install"]:
    meta = item["metadata"]
    info = item["download_info"].get("archive_info", {})
    digest = info.get("hashes", {}).get("sha256") or info.get("hash", "").removeprefix("sha256=")
    if not digest:
        sys.exit(f"no sha256 for {meta['name']}")
    rows.append(f"{meta['name']}=={meta['version']} --hash=sha256:{digest}")
print("\n".join(sorted(rows, key=str.lower)))
EOF
    mv "$tmp/lock" "$LOCK"
    echo "wrote $LOCK ($(grep -vc '^#' "$LOCK") packages)"
}

write_config() {
    local dir=$1 port=$2
    cat >"$dir/pretalx.cfg" <<EOF
# Written by bench/peer/pretalx.sh on every start; edits are lost.
[filesystem]
data = $dir/data
static = $dir/venv/static.dist

[site]
debug = False
url = http://127.0.0.1:$port

[database]
backend = sqlite3
name = $dir/data/db.sqlite3

[mail]
# Unused: pretalx_bench_settings.py sends mail to Django's dummy backend.
from = arrangor@bench.invalid
host = 127.0.0.1
port = 9

[redis]
location = unix://$dir/redis.sock?db=0
session = True

[celery]
broker =
backend =

[locale]
language_code = en
time_zone = Europe/Oslo
EOF
    cp "$SETTINGS" "$dir/pretalx_bench_settings.py"
}

pretalx_env() {
    local dir=$1
    shift
    env PRETALX_CONFIG_FILE="$dir/pretalx.cfg" PRETALX_NO_INITIAL_LOG=1 \
        DJANGO_SETTINGS_MODULE=pretalx_bench_settings PYTHONPATH="$dir" "$@"
}

install_venv() {
    local dir=$1 python=$2 want have
    want="$(sha256sum "$LOCK" | cut -d' ' -f1) $("$python" -c 'import sys; print(sys.version.split()[0])')"
    have=$(cat "$dir/venv/.bench-lock" 2>/dev/null || true)
    if [[ $want == "$have" ]]; then
        echo "pretalx.sh: reusing $dir/venv (lock unchanged)" >&2
        return 0
    fi
    echo "pretalx.sh: installing pretalx $PRETALX_VERSION into $dir/venv with $python" >&2
    local started=$SECONDS
    rm -rf "$dir/venv"
    "$python" -m venv "$dir/venv" || die "could not create the venv with $python"
    timeout 900 "$dir/venv/bin/pip" install --quiet --disable-pip-version-check \
        --require-hashes --no-deps -r "$LOCK" \
        || die "pip install -r $LOCK failed (PyPI reachable? lock made for another Python?)"
    local check
    check=$("$dir/venv/bin/pip" check --disable-pip-version-check 2>&1) \
        || { echo "$check" >&2; die "the installed packages do not fit together; regenerate the lock"; }
    write_config "$dir" 0
    pretalx_env "$dir" timeout 600 "$dir/venv/bin/python" -m pretalx rebuild --silent >"$dir/rebuild.log" 2>&1 \
        || { tail -20 "$dir/rebuild.log" >&2; die "pretalx rebuild (static files, translations) failed; see $dir/rebuild.log"; }
    echo "$want" >"$dir/venv/.bench-lock"
    echo "pretalx.sh: installed in $((SECONDS - started)) s" >&2
}

start_redis() {
    local dir=$1
    command -v redis-server >/dev/null || die "redis-server not found (pretalx needs Redis for its cache): apt-get install redis-server"
    rm -f "$dir/redis.sock"
    redis-server --port 0 --unixsocket "$dir/redis.sock" --unixsocketperm 700 \
        --save '' --appendonly no --dir "$dir" --daemonize yes \
        --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
        || die "redis-server did not start; see $dir/redis.log"
    wait_for 15 redis-cli -s "$dir/redis.sock" ping \
        || die "redis-server did not answer on $dir/redis.sock within 15 s; see $dir/redis.log"
}

seed_db() {
    local dir=$1 want have
    want=$(cat "$LOCK" "$SEED" | sha256sum | cut -d' ' -f1)
    have=$(cat "$dir/data/.bench-seed" 2>/dev/null || true)
    if [[ $want == "$have" && -f $dir/data/db.sqlite3 ]]; then
        echo "pretalx.sh: reusing the seeded database $dir/data/db.sqlite3" >&2
        return 0
    fi
    echo "pretalx.sh: migrating and seeding a fresh database" >&2
    local started=$SECONDS
    rm -f "$dir/data/.bench-seed" "$dir"/data/db.sqlite3*
    pretalx_env "$dir" timeout 900 "$dir/venv/bin/python" -m pretalx migrate --noinput >"$dir/migrate.log" 2>&1 \
        || { tail -20 "$dir/migrate.log" >&2; die "pretalx migrate failed; see $dir/migrate.log"; }
    pretalx_env "$dir" timeout 900 env PRETALX_BENCH_SLUG="$SLUG" PRETALX_BENCH_TALKS="$TALKS" \
        "$dir/venv/bin/python" "$SEED" >"$dir/seed.log" 2>&1 \
        || { tail -20 "$dir/seed.log" >&2; die "seeding failed; see $dir/seed.log"; }
    echo "$want" >"$dir/data/.bench-seed"
    echo "pretalx.sh: migrated and seeded in $((SECONDS - started)) s" >&2
}

http_ok() {
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$1") == 200 ]]
}

cmd_start() {
    local dir=$1 port=$2 python
    [[ $port =~ ^[0-9]+$ ]] && ((port > 0 && port < 65536)) || die "PORT must be a number 1-65535, not '$port'"
    command -v curl >/dev/null || die "curl not found"
    mkdir -p "$dir" || die "cannot create $dir"
    dir=$(cd "$dir" && pwd)
    cmd_stop "$dir"
    # Whatever fails from here on, leave no server or Redis behind.
    START_DIR=$dir
    trap '[[ $STARTED == 1 ]] || cmd_stop "$START_DIR" 2>/dev/null || true' EXIT
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
        die "something already answers on 127.0.0.1:$port"
    fi
    python=$(find_python)
    install_venv "$dir" "$python"
    mkdir -p "$dir/data"
    write_config "$dir" "$port"
    start_redis "$dir"
    seed_db "$dir"

    rm -f "$dir/pretalx.pid"
    (
        cd "$dir"
        pretalx_env "$dir" "$dir/venv/bin/gunicorn" pretalx.wsgi \
            --name pretalx --workers "$WORKERS" --worker-class sync \
            --max-requests 1200 --max-requests-jitter 50 \
            --log-level=info --bind "127.0.0.1:$port" \
            --no-control-socket \
            --pid "$dir/pretalx.pid" --error-logfile "$dir/gunicorn.log" --daemon
    ) || die "gunicorn did not start; see $dir/gunicorn.log"
    local base="http://127.0.0.1:$port"
    if ! wait_for 60 http_ok "$base/$SLUG/"; then
        tail -30 "$dir/gunicorn.log" >&2 || true
        die "pretalx did not answer 200 on $base/$SLUG/ within 60 s; see $dir/gunicorn.log"
    fi
    [[ -s $dir/pretalx.pid ]] || die "gunicorn wrote no pid file"

    # The first talk by id, and a check that the list page names all of them.
    local urls
    urls=$("$dir/venv/bin/python" - "$dir/data/db.sqlite3" "$base" "$SLUG" "$TALKS" <<'EOF'
import html, sqlite3, sys, urllib.request
db, base, slug, talks = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
rows = con.execute("select code, title from submission_submission order by id").fetchall()
if len(rows) != talks:
    sys.exit(f"{len(rows)} talks in the database, expected {talks}")
talk_url = f"{base}/{slug}/talk/{rows[0][0]}/"
list_url = f"{base}/{slug}/schedule/nojs"
for url in (talk_url, list_url):
    request = urllib.request.Request(url, headers={"Accept": "text/html"})
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200:
            sys.exit(f"{url} answered {response.status}")
        page = html.unescape(response.read().decode())
    if url == talk_url and rows[0][1] not in page:
        sys.exit(f"{url} does not show its title")
missing = [title for _, title in rows if title not in page]
if missing:
    sys.exit(f"{list_url} lacks {len(missing)} of {talks} titles, e.g. {missing[0]!r}")
print(f"TALK_URL={talk_url}")
print(f"LIST_URL={list_url}")
EOF
    ) || die "the pages are not what the benchmark needs (see above); server stopped"
    STARTED=1
    echo "pretalx.sh: pretalx $PRETALX_VERSION on $base, gunicorn pid $(cat "$dir/pretalx.pid"); stop with: $0 stop $dir" >&2
    echo "$urls"
}

case ${1:-} in
stop)
    [[ $# -eq 2 ]] || usage
    cmd_stop "$2"
    ;;
lock)
    [[ $# -eq 1 ]] || usage
    cmd_lock
    ;;
"" | -h | --help) usage ;;
*)
    [[ $# -eq 2 ]] || usage
    cmd_start "$1" "$2"
    ;;
esac
