package dev.inlet.shared.store;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Picks the storage backend that the {@code storage} section of the configuration names. */
public final class Stores {

  private Stores() {
  }

  private static String kind(JsonObject verticleConfig) {
    return verticleConfig.getJsonObject("storage", new JsonObject()).getString("kind", "embedded");
  }

  public static NumberPoolStore numberPool(Vertx vertx, JsonObject verticleConfig) {
    String kind = kind(verticleConfig);
    if (kind.equals("embedded")) {
      return new SharedDataNumberPoolStore(vertx);
    }
    throw unsupported(kind);
  }

  public static InboxStore inbox(Vertx vertx, JsonObject verticleConfig) {
    String kind = kind(verticleConfig);
    if (kind.equals("embedded")) {
      return new SharedDataInboxStore(vertx);
    }
    throw unsupported(kind);
  }

  private static IllegalArgumentException unsupported(String kind) {
    return new IllegalArgumentException("storage.kind '" + kind
        + "' is not available in this version; use 'embedded' (PostgreSQL + Redis is the next step of the roadmap)");
  }
}
