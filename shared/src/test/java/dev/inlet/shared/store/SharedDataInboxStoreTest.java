package dev.inlet.shared.store;

import io.vertx.core.Vertx;

class SharedDataInboxStoreTest extends InboxStoreContract {
  @Override
  protected InboxStore store(Vertx vertx) {
    return new SharedDataInboxStore(vertx);
  }
}
