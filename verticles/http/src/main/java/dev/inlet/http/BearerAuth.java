package dev.inlet.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Lets a request through only with {@code Authorization: Bearer <key>} naming a configured API key,
 * and records the caller's owner id on the routing context; otherwise a 401 problem.
 */
final class BearerAuth implements Handler<RoutingContext> {

  static final String OWNER = "dev.inlet.http.owner";
  private static final String SCHEME = "Bearer ";

  private final ApiKeys keys;

  BearerAuth(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(OWNER, authenticate(ctx.request()));
    ctx.next();
  }

  /** The owner id of the request's key; fails with a 401 problem when there is none or it is wrong. */
  String authenticate(HttpServerRequest request) {
    return keys.ownerOf(presentedKey(request, "send an API key as Authorization: Bearer <key>"))
        .orElseThrow(() -> Problem.unauthorized("the API key is not valid").exception());
  }

  /** The key of the request's {@code Authorization: Bearer} header; a 401 problem when there is none. */
  static String presentedKey(HttpServerRequest request, String whenMissing) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      throw Problem.unauthorized(whenMissing).exception();
    }
    if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw Problem.unauthorized("the Authorization header must use the Bearer scheme").exception();
    }
    return header.substring(SCHEME.length()).trim();
  }

  static void setOwner(RoutingContext ctx, String owner) {
    ctx.put(OWNER, owner);
  }

  static boolean hasCredentials(HttpServerRequest request) {
    return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
  }

  /** The owner id recorded by {@link #handle}. */
  static String owner(RoutingContext ctx) {
    return Optional.<String>ofNullable(ctx.get(OWNER))
        .orElseThrow(() -> new IllegalStateException("route not behind BearerAuth: " + ctx.request().path()));
  }
}
