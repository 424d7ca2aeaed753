package dev.inlet.shared.limits;

import io.vertx.core.Vertx;

class InMemoryRateCountersTest extends RateCountersContract {
  @Override
  protected RateCounters open(Vertx vertx) {
    return new InMemoryRateCounters();
  }
}
