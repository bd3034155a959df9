#!/usr/bin/env bash
# One step to a faster start on JDK 25 or newer: writes routes-app/target/quarkus-app/app.aot, the JVM's AOT cache
# (JEP 483/514) for the packaged app, from a training run of the demo: started until ready, its page, API and health
# asked a few times, the sample CSV applied, then stopped (the JVM assembles the cache as it exits). Run the app with
# it from that directory, on the same JDK:
#   cd routes-app/target/quarkus-app && $JDK25/bin/java -XX:AOTCache=app.aot -Db24sip.demo=true -jar quarkus-run.jar
# With --check it then starts the demo once with -XX:AOTMode=on, which refuses to run if the cache cannot be used, and
# waits until it is ready. The JDK: $JAVA25_HOME, else Temurin 25 where Debian puts it. Package the app first
# (the README's build command); a new package needs a new cache.
set -euo pipefail
jdk="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$jdk/bin/java"
app="$(cd "$(dirname "$0")" && pwd)/target/quarkus-app"
[ -x "$java" ] || { echo "aot-cache: no JDK at $jdk (set JAVA25_HOME to a JDK 25 or newer)" >&2; exit 2; }
[ -f "$app/quarkus-run.jar" ] || { echo "aot-cache: $app/quarkus-run.jar not built; package the app first" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
free_port() { # a port nothing listens on
    local p
    while true; do
        p=$((20000 + RANDOM % 20000))
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
}
await_ready() { # pid port
    for _ in $(seq 1 600); do
        kill -0 "$1" 2>/dev/null || return 1
        [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/q/health/ready")" = 200 ] && return 0
        sleep 0.1
    done
    return 1
}
demo_options() { # port
    echo "-Db24sip.demo=true -Dquarkus.http.port=$1 -Db24sip.csv.dir=$work/inbox -Db24sip.token-dir=$work/tokens"
}
# from the app's directory: the cache records the class path as the JVM saw it, relative to here
cd "$app"

port="$(free_port)"
rm -f "$app/app.aot"
# shellcheck disable=SC2046
"$java" -XX:AOTCacheOutput=app.aot $(demo_options "$port") -jar quarkus-run.jar > "$work/training.log" 2>&1 &
pid=$!
await_ready "$pid" "$port" || { cat "$work/training.log" >&2; echo "aot-cache: the training run did not get ready" >&2; exit 1; }
for _ in $(seq 1 60); do
    ls "$work"/inbox/reports/*.report.json >/dev/null 2>&1 && break
    sleep 0.5
done
for _ in 1 2 3; do
    for path in /q/health/ready /q/health /api/lines / /q/metrics; do
        curl -s -o /dev/null "http://127.0.0.1:$port$path"
    done
done
kill -TERM "$pid"
wait "$pid" || true
[ -f "$app/app.aot" ] || { tail -20 "$work/training.log" >&2; echo "aot-cache: no cache written" >&2; exit 1; }
echo "aot-cache: wrote $app/app.aot ($(du -m "$app/app.aot" | cut -f1) MB) with $("$java" -version 2>&1 | head -1)"

if [ "${1:-}" = "--check" ]; then
    port="$(free_port)"
    # shellcheck disable=SC2046
    "$java" -XX:AOTCache=app.aot -XX:AOTMode=on $(demo_options "$port") -jar quarkus-run.jar > "$work/check.log" 2>&1 &
    pid=$!
    ok=0
    await_ready "$pid" "$port" && ok=1
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" || true
    if [ "$ok" != 1 ] || grep -qi "unable to use\|AOT cache .*disabled\|error.*aot" "$work/check.log"; then
        cat "$work/check.log" >&2
        echo "aot-cache: the app did not start on its AOT cache" >&2
        exit 1
    fi
    echo "aot-cache: the demo started on the cache (-XX:AOTMode=on) and got ready"
fi
