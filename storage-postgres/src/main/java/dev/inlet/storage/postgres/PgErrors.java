package dev.inlet.storage.postgres;

import dev.inlet.shared.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.pgclient.PgException;

/**
 * Turns what the PostgreSQL client fails with into Inlet's failures: the store's own refusals pass through,
 * an unreachable server or a statement that failed for infrastructure reasons becomes {@code STORE_UNAVAILABLE}
 * (transient: the SMPP edge answers a temporary error and the SMSC retries), anything else {@code INTERNAL}.
 */
final class PgErrors {

  private PgErrors() {
  }

  static <T> Future<T> map(Future<T> f, String what) {
    return f.recover(t -> Future.failedFuture(map(t, what)));
  }

  static Throwable map(Throwable t, String what) {
    if (t instanceof ReplyException) {
      return t;
    }
    if (t instanceof PgException pg && !transientState(pg.getSqlState())) {
      return Failure.INTERNAL.exception("PostgreSQL refused to " + what + ": " + pg.getMessage());
    }
    return Failure.STORE_UNAVAILABLE.exception("PostgreSQL is unavailable, could not " + what + ": " + t.getMessage());
  }

  /** Whether a failed statement may succeed when tried again (deadlock, serialization, lost connection...). */
  static boolean retryable(Throwable t) {
    return t instanceof PgException pg && ("40001".equals(pg.getSqlState()) || "40P01".equals(pg.getSqlState()));
  }

  private static boolean transientState(String state) {
    if (state == null) {
      return true;
    }
    return state.startsWith("08") // connection exception
        || state.startsWith("40") // rollback: serialization failure, deadlock
        || state.startsWith("53") // insufficient resources
        || state.startsWith("57") // operator intervention: shutdown, cancel
        || state.startsWith("58") // system error
        || state.startsWith("XX") // internal error
        || state.equals("55P03"); // lock not available
  }
}
