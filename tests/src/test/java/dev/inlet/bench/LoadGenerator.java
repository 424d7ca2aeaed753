package dev.inlet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SMSC's side of a benchmark: blocking senders (jSMPP's {@code deliverShortMessage} returns once the ESME
 * answered), as fast as they can or paced.
 */
final class LoadGenerator {

  /** Sends item {@code i} (one or more PDUs); throws when a PDU was not acknowledged. */
  interface Delivery {
    void deliver(int i) throws Exception;
  }

  private LoadGenerator() {
  }

  /** Sends items 0..count-1 from {@code senders} threads as fast as they are acknowledged; answers items per second. */
  static double flood(int count, int senders, Delivery delivery, String label) throws Exception {
    AtomicInteger next = new AtomicInteger();
    return run(senders, label, () -> {
      int i;
      while ((i = next.getAndIncrement()) < count) {
        delivery.deliver(i);
      }
    }, count);
  }

  /**
   * Sends items 0..count-1 at {@code perSecond}, item i due at start + i / perSecond, from {@code senders} threads
   * (a sender that falls behind sends at once: its message's latency is counted from when it was really sent).
   */
  static double paced(int count, int perSecond, int senders, Delivery delivery, String label) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime() + 10_000_000L;
    return run(senders, label, () -> {
      int i;
      while ((i = next.getAndIncrement()) < count) {
        long due = start + (long) (i * (1e9 / perSecond));
        long wait = due - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        delivery.deliver(i);
      }
    }, count);
  }

  private interface Loop {
    void run() throws Exception;
  }

  private static double run(int senders, String label, Loop loop, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < senders; t++) {
      done.add(pool.submit(() -> {
        while (true) {
          try {
            loop.run();
            return null;
          } catch (Exception e) {
            failed.incrementAndGet(); // this item was not acknowledged: go on with the next
          }
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double rate = count / ((System.nanoTime() - start) / 1e9);
    pool.shutdown();
    if (failed.get() > 0) {
      System.out.printf("    (%s: %d deliveries not acknowledged)%n", label, failed.get());
    }
    return rate;
  }
}
