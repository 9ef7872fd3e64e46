/*
 * Why one-publish-per-event ring runs are bimodal on this VM, without .NET in the picture.
 *
 * Per run: first a ping-pong between the two threads (one cache line each way, 200k round trips) gives the
 * core-to-core handoff latency at that moment; then a 1-producer/1-consumer ring of 65,536 16-byte slots moves
 * 20M events, one cursor write per event, the consumer batching what it finds (with the engine's lockstep backoff
 * when the third argument is 1). The rate follows the handoff latency: ~25 ns -> 400-600 M/s, ~55-60 ns ->
 * 130-250 M/s, ~270-300 ns -> 30-40 M/s, and the handoff moves between runs because the hypervisor moves the
 * vCPUs between host cores. docs/PERFORMANCE.md, "Why single runs are bimodal", has a recorded run.
 *
 *   gcc -O2 -march=native -pthread tools/perf/handoff-ring.c -o /tmp/handoff-ring
 *   /tmp/handoff-ring RUNS BACKOFF      e.g. /tmp/handoff-ring 8 1
 */
#define _GNU_SOURCE
#include <immintrin.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define SIZE 65536
#define MASK (SIZE - 1)
#define EVENTS 20000000L
#define ROUND_TRIPS 200000L

typedef struct { long value; long pad; } slot;

static slot *ring;
static _Alignas(128) _Atomic long cursor;
static _Alignas(128) _Atomic long consumed;
static _Alignas(128) _Atomic long ping;
static _Alignas(128) _Atomic long pong;
static _Alignas(128) volatile long sink;
static int backoff;

static double seconds(struct timespec a, struct timespec b) { return (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9; }

static void *respond(void *unused)
{
    for (long i = 1; i <= ROUND_TRIPS; i++) {
        while (atomic_load_explicit(&ping, memory_order_acquire) != i) { }
        atomic_store_explicit(&pong, i, memory_order_release);
    }
    return unused;
}

static double handoff_ns(void)
{
    pthread_t t;
    struct timespec s, e;
    ping = 0; pong = 0;
    pthread_create(&t, 0, respond, 0);
    clock_gettime(CLOCK_MONOTONIC, &s);
    for (long i = 1; i <= ROUND_TRIPS; i++) {
        atomic_store_explicit(&ping, i, memory_order_release);
        while (atomic_load_explicit(&pong, memory_order_acquire) != i) { }
    }
    clock_gettime(CLOCK_MONOTONIC, &e);
    pthread_join(t, 0);
    return seconds(s, e) * 1e9 / (2.0 * ROUND_TRIPS);
}

static void *consume(void *unused)
{
    long next = 0, sum = 0;
    while (next < EVENTS) {
        long available = atomic_load_explicit(&cursor, memory_order_acquire);
        if (available < next) { _mm_pause(); continue; }
        if (backoff && available - next < 8) {
            /* the engine's lockstep backoff: found few slots without waiting, let the producer get 64 ahead */
            for (int i = 1; i <= 64; i++) {
                _mm_pause();
                if (i % 4 == 0 && atomic_load_explicit(&cursor, memory_order_acquire) >= next + 63) break;
            }
            available = atomic_load_explicit(&cursor, memory_order_acquire);
        }
        for (long s = next; s <= available; s++) sum += ring[s & MASK].value;
        next = available + 1;
        atomic_store_explicit(&consumed, available, memory_order_release);
    }
    sink = sum;
    return unused;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 8;
    backoff = argc > 2 ? atoi(argv[2]) : 1;
    ring = aligned_alloc(4096, SIZE * sizeof(slot));
    for (int i = 0; i < SIZE; i++) ring[i].value = 0;
    for (int r = 0; r < runs; r++) {
        double ns = handoff_ns();
        pthread_t t;
        struct timespec s, e;
        long gate = -1;
        cursor = -1; consumed = -1;
        pthread_create(&t, 0, consume, 0);
        clock_gettime(CLOCK_MONOTONIC, &s);
        for (long i = 0; i < EVENTS; i++) {
            if (i - SIZE > gate) {
                while ((gate = atomic_load_explicit(&consumed, memory_order_acquire)) < i - SIZE) _mm_pause();
            }
            ring[i & MASK].value = i;
            atomic_store_explicit(&cursor, i, memory_order_release);
        }
        pthread_join(t, 0);
        clock_gettime(CLOCK_MONOTONIC, &e);
        printf("handoff %4.0f ns  ring %5.0f M events/s\n", ns, EVENTS / seconds(s, e) / 1e6);
        fflush(stdout);
    }
    return 0;
}
