#!/usr/bin/env bash
# Keeps one CPU for the engine's pinned consumer thread: moves every movable thread of every process (kernel
# threads that allow it, e.g. kdamond) and every device interrupt to the other CPUs. Root only; not persistent.
# The boot-time equivalent, for a dedicated machine, is isolcpus=/nohz_full=/irqaffinity= (docs/OPERATIONS.md).
#
#   sudo tools/perf/isolate-cpu.sh 0        # CPU 0 for the consumer, everything else elsewhere
#   sudo taskset -c 1 dotnet ict.dll ...    # start the engine outside CPU 0; pipeline.consumerCpus = [0]
#   sudo tools/perf/isolate-cpu.sh --undo   # every thread and interrupt may use every CPU again
set -euo pipefail
cpus=$(nproc --all)
all=$(( (1 << cpus) - 1 ))
if [[ ${1:-} == --undo ]]; then
  mask=$all
elif [[ ${1:-} =~ ^[0-9]+$ ]] && (( $1 < cpus && cpus > 1 )); then
  mask=$(( all & ~(1 << $1) ))
else
  echo "usage: $0 CPU | --undo   (this machine has $cpus CPUs)" >&2
  exit 2
fi
hex=$(printf '%x' "$mask")
moved=0; fixed=0
for task in /proc/[0-9]*/task/[0-9]*; do
  if taskset -p "$hex" "${task##*/}" >/dev/null 2>&1; then moved=$((moved + 1)); else fixed=$((fixed + 1)); fi
done
irqs=0
for irq in /proc/irq/[0-9]*; do
  if echo "$hex" > "$irq/smp_affinity" 2>/dev/null; then irqs=$((irqs + 1)); fi
done
echo "affinity mask $hex: $moved threads and $irqs interrupts set; $fixed threads are per-CPU kernel threads and stay"
