# Shared by bin/vae and bin/notebook (sourced, not run): builds vae-examples and what it needs when a source
# changed or on first use (Maven, offline once the dependencies are cached), and sets the run-time defaults.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/vae-examples/target/vae-examples-0.1.0-SNAPSHOT.jar"
classpath_file="$root/vae-examples/target/classpath.txt"

stale() {
  [[ ! -f "$jar" || ! -f "$classpath_file" ]] && return 0
  [[ -n "$(find "$root/pom.xml" "$root/vae-core" "$root/vae-examples" \( -path '*/target' -prune \) -o \
        -newer "$jar" -type f -print -quit)" ]]
}

build_if_stale() {
  if stale; then
    echo "$(basename "$0"): building (first use or sources changed)..." >&2
    (cd "$root" && { mvn -B -q -o -DskipTests install -pl vae-examples -am >/dev/null 2>&1 \
        || mvn -B -q -DskipTests install -pl vae-examples -am >&2; })
  fi
}

# ND4J's OpenMP threads and its BLAS threads compete on small machines: one OpenMP thread trained the default
# model ~3x faster on 2 cores. Set OMP_NUM_THREADS yourself to override.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
java_opts=(${VAE_JAVA_OPTS:--Xmx4g} -Djava.awt.headless=true)
