package dev.inlet.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The first handler of every request: refuses a query string that is not valid percent-encoding (400, without
 * logging it: it may hold a token), then, on {@code /api} (not the document), checks the client address against
 * the failed-authentication limits, authenticates (admin keys on {@code /api/admin}, API keys elsewhere) and counts
 * the call against the key's {@code requestsPerSecond}. The owner id is left on the context for the handlers.
 */
final class Gatekeeper implements Handler<RoutingContext> {

  static final String OPENAPI_PATH = "/api/openapi.yaml";

  private final BearerAuth auth;
  private final AdminAuth adminAuth;
  private final ApiKeys keys;
  private final AbuseLimits limits;

  Gatekeeper(BearerAuth auth, AdminAuth adminAuth, ApiKeys keys, AbuseLimits limits) {
    this.auth = auth;
    this.adminAuth = adminAuth;
    this.keys = keys;
    this.limits = limits;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!queryDecodes(request)) {
      throw badQuery().exception();
    }
    String path = request.path();
    if (!isApi(path)) {
      ctx.next();
      return;
    }
    boolean admin = path.equals("/api/admin") || path.startsWith("/api/admin/");
    String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
    // the request waits for the counters: keep its body unread until then
    request.pause();
    limits.addressAllowed(address)
        .compose(v -> authenticate(ctx, admin, address))
        .compose(owner -> admin ? Future.succeededFuture() : limits.request(owner, keys.limitsOf(owner)))
        .onComplete(ar -> {
          request.resume();
          if (ar.succeeded()) {
            ctx.next();
          } else {
            ctx.fail(ar.cause());
          }
        });
  }

  private Future<String> authenticate(RoutingContext ctx, boolean admin, String address) {
    String owner;
    try {
      owner = admin ? adminAuth.authenticate(ctx.request()) : auth.authenticate(ctx.request());
    } catch (ProblemException e) {
      if (e.problem().status() != 401) {
        return Future.failedFuture(e);
      }
      return limits.authenticationFailed(address).compose(v -> Future.failedFuture(e));
    }
    BearerAuth.setOwner(ctx, owner);
    return Future.succeededFuture(owner);
  }

  /** Whether the query string of the request is valid percent-encoding (vertx-web answers 400 otherwise). */
  static boolean queryDecodes(HttpServerRequest request) {
    String query = request.query();
    if (query == null) {
      return true;
    }
    try {
      new io.netty.handler.codec.http.QueryStringDecoder(query, false).parameters();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static Problem badQuery() {
    return Problem.invalidRequest("the query string is not valid percent-encoding (a % must be followed by two "
        + "hex digits, and the bytes must be UTF-8)");
  }

  static boolean isApi(String path) {
    return path != null && (path.equals("/api") || path.startsWith("/api/")) && !path.equals(OPENAPI_PATH);
  }

  static Optional<String> ownerOf(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(BearerAuth.OWNER));
  }
}
