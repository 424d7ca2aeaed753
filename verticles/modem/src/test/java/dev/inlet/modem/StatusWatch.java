package dev.inlet.modem;

import dev.inlet.shared.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Follows {@code Addresses.STATUS_MODEMS}: the latest status per port and every status seen, awaitable. */
final class StatusWatch {

  private final Map<String, JsonObject> latest = new HashMap<>();
  private final List<JsonObject> all = new ArrayList<>();

  StatusWatch(Vertx vertx) throws Exception {
    vertx.eventBus().<JsonObject>consumer(Addresses.STATUS_MODEMS, m -> {
      synchronized (this) {
        latest.put(m.body().getString("id"), m.body());
        all.add(m.body());
        notifyAll();
      }
    }).completion().await(5, TimeUnit.SECONDS);
  }

  synchronized JsonObject latest(String port) {
    return latest.get("modem:" + port);
  }

  /** A position in the statuses seen so far: {@link #await} from there ignores what came before. */
  synchronized int mark() {
    return all.size();
  }

  /** Waits for a status of {@code port} (any seen so far included) that satisfies {@code condition}. */
  JsonObject await(String port, Predicate<JsonObject> condition, Duration timeout) throws InterruptedException {
    return await(port, condition, timeout, 0);
  }

  /** Waits for a status of {@code port}, seen since {@code mark}, that satisfies {@code condition}. */
  synchronized JsonObject await(String port, Predicate<JsonObject> condition, Duration timeout, int mark)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int from = mark;
    while (true) {
      for (int i = from; i < all.size(); i++) {
        JsonObject s = all.get(i);
        if (("modem:" + port).equals(s.getString("id")) && condition.test(s)) {
          return s;
        }
      }
      from = all.size();
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no status of " + port + " matched within " + timeout + "; latest: " + latest(port));
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  JsonObject awaitState(String port, String state, Duration timeout) throws InterruptedException {
    return await(port, s -> state.equals(s.getString("state")), timeout);
  }

  JsonObject awaitState(String port, String state, Duration timeout, int mark) throws InterruptedException {
    return await(port, s -> state.equals(s.getString("state")), timeout, mark);
  }
}
