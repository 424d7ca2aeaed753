package dev.inlet.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Headers of responses that matter for safety. */
final class Responses {

  private Responses() {
  }

  /** Marks the response as carrying a secret (a WebSocket token, a session id): no cache may keep it. */
  static RoutingContext secret(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.putHeader("Pragma", "no-cache");
    return ctx;
  }
}
