package dev.inlet.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Asks again, on Vert.x timers, until an answer shows what a test waits for (something the server does on its own clock). */
final class Polling {

  private static final long INTERVAL_MS = 50;
  private static final int TRIES = 200;

  private Polling() {
  }

  static <T> Future<T> until(Vertx vertx, Supplier<Future<T>> probe, Predicate<T> done) {
    return attempt(vertx, probe, done, TRIES);
  }

  private static <T> Future<T> attempt(Vertx vertx, Supplier<Future<T>> probe, Predicate<T> done, int left) {
    return probe.get().compose(answer -> {
      if (done.test(answer)) {
        return Future.succeededFuture(answer);
      }
      if (left <= 1) {
        return Future.failedFuture(new AssertionError("still not there after " + TRIES + " tries: " + answer));
      }
      return vertx.timer(INTERVAL_MS).compose(v -> attempt(vertx, probe, done, left - 1));
    });
  }
}
