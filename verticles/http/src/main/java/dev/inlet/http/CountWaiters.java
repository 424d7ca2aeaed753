package dev.inlet.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;

/**
 * Futures that complete once a count (open sockets, relays) meets a condition: whoever changes the count calls
 * {@link #changed}, so a waiter hears of it at once instead of polling. Not thread-safe: the verticle's context uses it.
 */
final class CountWaiters {

  private record Waiter(IntPredicate condition, Promise<Void> promise) {
  }

  private final IntSupplier count;
  private final List<Waiter> waiting = new ArrayList<>();

  CountWaiters(IntSupplier count) {
    this.count = count;
  }

  /** Completes when the count meets {@code condition}: at once if it does now. */
  Future<Void> when(IntPredicate condition) {
    if (condition.test(count.getAsInt())) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    waiting.add(new Waiter(condition, promise));
    return promise.future();
  }

  /** The count changed: completes the waiters whose condition it now meets. */
  void changed() {
    int now = count.getAsInt();
    for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.condition().test(now)) {
        it.remove();
        w.promise().complete();
      }
    }
  }
}
