/*
 * The platform's floor under the pipeline's latency tail, without .NET: a producer pinned to CPU 1 publishes one
 * event every 10 us (100k/s, busy-wait pacing) into a shared cursor, a consumer pinned to CPU 0 spins on it and
 * records publication -> observation for each of 500,000 events. The consumer does no work, so its percentiles
 * are what the machine (guest scheduler, interrupts, hypervisor) allows. docs/PERFORMANCE.md has recorded runs,
 * with and without tools/perf/isolate-cpu.sh.
 *
 *   gcc -O2 -pthread tools/perf/paced-ring.c -o /tmp/paced-ring && /tmp/paced-ring
 */
#define _GNU_SOURCE
#include <immintrin.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define EVENTS 500000L
#define INTERVAL_NS 10000L

static long published[EVENTS];
static long latency[EVENTS];
static _Alignas(128) _Atomic long cursor = -1;

static long now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000000000L + t.tv_nsec; }

static void pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void *consume(void *unused)
{
    pin(0);
    for (long next = 0; next < EVENTS;) {
        long available = atomic_load_explicit(&cursor, memory_order_acquire);
        if (available < next) { _mm_pause(); continue; }
        long seen = now();
        for (; next <= available; next++) latency[next] = seen - published[next];
    }
    return unused;
}

static int compare(const void *a, const void *b) { long x = *(const long *)a, y = *(const long *)b; return (x > y) - (x < y); }

static long at(double percentile) { return latency[(long)(percentile / 100.0 * (EVENTS - 1))]; }

int main(void)
{
    pthread_t consumer;
    pthread_create(&consumer, 0, consume, 0);
    pin(1);
    long start = now() + 1000000;
    for (long i = 0; i < EVENTS; i++) {
        long due = start + i * INTERVAL_NS;
        while (now() < due) { }
        published[i] = now();
        atomic_store_explicit(&cursor, i, memory_order_release);
    }
    pthread_join(consumer, 0);
    qsort(latency, EVENTS, sizeof(long), compare);
    printf("100k/s, %ld events: p50 %ld  p99 %ld  p99.9 %ld  p99.99 %ld  max %ld ns\n",
           EVENTS, at(50), at(99), at(99.9), at(99.99), latency[EVENTS - 1]);
    return 0;
}
