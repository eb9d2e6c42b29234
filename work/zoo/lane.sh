#!/usr/bin/env bash
# Starts one training lane of the zoo's convergence runs (issue 23) in the background, from a copy of the built jars:
# the build the run starts with stays in place while the sources change and bin/vae rebuilds (a jar rewritten under a
# running JVM breaks its later class loads). Usage, from the repository root:
#   work/zoo/lane.sh LOG bin-vae-arguments...      e.g. work/zoo/lane.sh /tmp/lane-x.log train --model NAME ...
# A run already in its --out/--resume directory is locked by bin/vae itself (RunLock).
set -euo pipefail
log="$1"; shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/bin/common.sh"
build_if_stale
snapshot="$(mktemp -d /tmp/vae-lane.XXXXXX)"
classpath="$(cp "$jar" "$snapshot/" && echo "$snapshot/$(basename "$jar")")"
for entry in $(tr ':' '\n' < "$classpath_file"); do
  if [[ "$entry" == "$root"/* ]]; then
    cp "$entry" "$snapshot/"
    entry="$snapshot/$(basename "$entry")"
  fi
  classpath="$classpath:$entry"
done
cd "$root"
setsid nohup java "${java_opts[@]}" -cp "$classpath" io.github.dl4jvae.cli.VaeCommand "$@" > "$log" 2>&1 &
echo "started $! ($*), log $log, jars in $snapshot"
