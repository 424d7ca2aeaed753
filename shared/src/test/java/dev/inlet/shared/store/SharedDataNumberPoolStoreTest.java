package dev.inlet.shared.store;

import io.vertx.core.Vertx;

class SharedDataNumberPoolStoreTest extends NumberPoolStoreContract {
  @Override
  protected NumberPoolStore store(Vertx vertx) {
    return new SharedDataNumberPoolStore(vertx);
  }
}
