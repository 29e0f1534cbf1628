#!/usr/bin/env bash
# Packs the VideoStudio packages into artifacts/feed/, then builds and runs both samples from that feed (never from
# project references), with no provider key and a throw-away data directory. Prints one line per sample,
# "sample NAME: ok" or "sample NAME: FAILED (why)", and exits with the number that failed.
# SKIP_PACK=1 reuses the packages already in artifacts/feed/; PACK_CONFIGURATION=Debug packs what `dotnet test` just
# built (CI), Release otherwise (what is published).
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset WAVESPEED_API_KEY

if [ "${SKIP_PACK:-}" != 1 ]; then
  dotnet pack VideoStudio.sln -c "${PACK_CONFIGURATION:-Release}" -v q -nologo || { echo "sample console: FAILED (pack)"; echo "sample aspnetcore: FAILED (pack)"; exit 2; }
fi
# A local feed keeps one version between packs: forget the cached copies so the samples restore what was just packed.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/videostudio.{engine,simulator,server,plugins,embedded}

work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${server:-}" ] && kill "$server" 2>/dev/null' EXIT
failed=0

# Console: validate, estimate and one job to the end on the embedded simulator.
if dotnet build samples/Console -c Release -v q -nologo >"$work/console-build.log" 2>&1 \
   && VideoStudio__Jobs__DataDirectory="$work/console-data" timeout 180 dotnet samples/Console/bin/Release/net10.0/VideoStudio.Samples.Console.dll >"$work/console.log" 2>&1 \
   && grep -q "Completed" "$work/console.log"; then
  echo "sample console: ok"
  grep -E "^(valid|estimate|job)[: ]" "$work/console.log" | sed 's/^/  /'
else
  echo "sample console: FAILED"; tail -40 "$work/console-build.log" "$work/console.log" 2>/dev/null
  failed=$((failed + 1))
fi

# ASP.NET Core: start on a free loopback port, wait until ready, fetch the console page, stop.
ok=0
if dotnet build samples/AspNetCore -c Release -v q -nologo >"$work/web-build.log" 2>&1; then
  VideoStudio__Jobs__DataDirectory="$work/web-data" dotnet samples/AspNetCore/bin/Release/net10.0/VideoStudio.Samples.AspNetCore.dll --urls http://127.0.0.1:0 >"$work/web.log" 2>&1 &
  server=$!
  url=""
  for _ in $(seq 1 600); do   # at most 60 s for the start
    url=$(grep -oE 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$work/web.log" | head -1 | sed 's/Now listening on: //')
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  if [ -n "$url" ]; then
    for _ in $(seq 1 300); do   # at most 30 s until ready
      curl -fsS "$url/health/ready" >/dev/null 2>&1 && { ok=1; break; }
      sleep 0.1
    done
    # Each answer to a file first: `curl | grep -q` fails under pipefail when grep stops reading early (curl: (23)).
    [ "$ok" = 1 ] && { curl -fsS "$url/" -o "$work/index.html" && grep -qi "<html" "$work/index.html" || ok=0; }
    [ "$ok" = 1 ] && { curl -fsS "$url/v1/models" -o "$work/models.json" && grep -q "ltx-2-fast" "$work/models.json" || ok=0; }
  fi
  kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; server=""
fi
if [ "$ok" = 1 ]; then
  echo "sample aspnetcore: ok"
else
  echo "sample aspnetcore: FAILED"; tail -40 "$work/web-build.log" "$work/web.log" 2>/dev/null
  failed=$((failed + 1))
fi
exit "$failed"
