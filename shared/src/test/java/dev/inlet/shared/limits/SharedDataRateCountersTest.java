package dev.inlet.shared.limits;

import io.vertx.core.Vertx;

class SharedDataRateCountersTest extends RateCountersContract {
  @Override
  protected RateCounters open(Vertx vertx) {
    return new SharedDataRateCounters(vertx);
  }
}
