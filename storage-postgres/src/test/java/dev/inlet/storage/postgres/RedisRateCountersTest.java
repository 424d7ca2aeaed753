package dev.inlet.storage.postgres;

import dev.inlet.shared.limits.RateCounters;
import dev.inlet.shared.limits.RateCountersContract;
import io.vertx.core.Vertx;

/** The counters contract on a real Redis ({@code INLET_TEST_REDIS_DB}); keys are prefixed per test, nothing is flushed. */
class RedisRateCountersTest extends RateCountersContract {
  @Override
  protected RateCounters open(Vertx vertx) {
    return new RedisRateCounters(vertx, TestDatabase.REDIS_URI);
  }
}
