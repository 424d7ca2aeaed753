package dev.inlet.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * Guards {@code /api/admin/*}: lets a request through only with {@code Authorization: Bearer <admin key>}
 * naming one of {@code http.adminKeys}. An API key is known but not allowed here: a 403 problem; no key or an
 * unknown one: a 401 problem. With no admin key configured, nobody gets through.
 */
final class AdminAuth implements Handler<RoutingContext> {

  private static final String ASK = "send an admin key as Authorization: Bearer <admin key>";

  private final Optional<ApiKeys> adminKeys;
  private final ApiKeys apiKeys;

  AdminAuth(List<String> adminKeys, ApiKeys apiKeys) {
    this.adminKeys = adminKeys.isEmpty() ? Optional.empty() : Optional.of(new ApiKeys(adminKeys));
    this.apiKeys = apiKeys;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String key = BearerAuth.presentedKey(ctx.request(), ASK);
    // both checks always run (each compares every key), so the time taken says nothing about the keys
    boolean admin = adminKeys.flatMap(keys -> keys.ownerOf(key)).isPresent();
    boolean apiKey = apiKeys.ownerOf(key).isPresent();
    if (admin) {
      ctx.next();
    } else if (apiKey) {
      throw Problem.forbidden("an API key cannot use the admin API: " + ASK
          + (adminKeys.isEmpty() ? " (none is configured: set http.adminKeys or INLET_ADMIN_KEY)" : "")).exception();
    } else {
      throw Problem.unauthorized("the admin key is not valid").exception();
    }
  }
}
