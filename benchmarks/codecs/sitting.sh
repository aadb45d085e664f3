#!/bin/bash
# One benchmark sitting for docs/BENCHMARKS.md: tjbench, the CPU-time harness and JMH, back to back.
# Needs the bench build (mvn -B -Pbench package -DskipTests) and tjbench (Debian: libjpeg-turbo-progs).
# Usage: benchmarks/codecs/sitting.sh [work folder, default a new temporary one]
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=benchmarks/codecs/target/benchmarks.jar
work=${1:-$(mktemp -d)}
ppm=$work/pattern-640x480.ppm
java -cp "$jar" dev.parley.benchmarks.codecs.TestImage 640 480 "$ppm"
tjbench "$ppm" 80 -subsamp 420 -componly -benchtime 1 -warmup 0 >/dev/null   # writes the JPEG decoded below
jpg=$work/pattern-640x480_420_Q80.jpg

# tjbench reports frames per second of wall time; on a shared machine also report CPU time per frame.
tj() {
  local out fps cpu
  out=$( { TIMEFORMAT='%U %S'; time tjbench "$@" -benchtime 5 -warmup 0 -nowrite; } 2>&1 )
  fps=$(echo "$out" | awk '/Frame rate/ {print $(NF-1); exit}')
  cpu=$(echo "$out" | tail -1 | awk '{print $1 + $2}')
  awk -v f="$fps" -v c="$cpu" 'BEGIN { printf "  %8.1f fps wall (%6.1f us/frame), %6.1f us CPU/frame\n", f, 1e6 / f, c * 1e6 / (f * 5) }'
}

echo "== $(date -u +%FT%TZ), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== tjbench 640x480 q80 4:2:0 compress";   tj "$ppm" 80 -subsamp 420 -componly
echo "== tjbench 640x480 4:2:0 decompress";     tj "$jpg"
echo "== CPU time per frame";                   java -cp "$jar" dev.parley.benchmarks.codecs.CpuTimePerFrame 640 480 6
java -cp "$jar" dev.parley.benchmarks.codecs.CpuTimePerFrame 1280 720 6
echo "== JMH (wall clock)";                     java -jar "$jar" -wi 3 -i 5 -w 1s -r 1s -f 1 2>&1 | sed -n '/^Benchmark /,$p'
echo "== tjbench again, compress";              tj "$ppm" 80 -subsamp 420 -componly
echo "== tjbench again, decompress";            tj "$jpg"
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)"
