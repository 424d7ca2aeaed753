package dev.inlet.http;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Optional;

/**
 * Decides who may use {@code /api/admin/*}: only {@code Authorization: Bearer <admin key>} naming one of
 * {@code http.adminKeys}. An API key is known but not allowed here: a 403 problem; no key or an unknown one: a 401
 * problem. With no admin key configured, nobody gets through.
 */
final class AdminAuth {

  private static final String ASK = "send an admin key as Authorization: Bearer <admin key>";

  private final Optional<ApiKeys> adminKeys;
  private final ApiKeys apiKeys;

  AdminAuth(List<ApiKeys> adminKeys, ApiKeys apiKeys) {
    this.adminKeys = adminKeys.stream().findFirst();
    this.apiKeys = apiKeys;
  }

  /** The admin's owner id; fails with a 401 or 403 problem. */
  String authenticate(HttpServerRequest request) {
    String key = BearerAuth.presentedKey(request, ASK);
    // both checks always run (each compares every key), so the time taken says nothing about the keys
    Optional<String> admin = adminKeys.flatMap(keys -> keys.ownerOf(key));
    boolean apiKey = apiKeys.ownerOf(key).isPresent();
    if (admin.isPresent()) {
      return admin.get();
    } else if (apiKey) {
      throw Problem.forbidden("an API key cannot use the admin API: " + ASK
          + (adminKeys.isEmpty() ? " (none is configured: set http.adminKeys or INLET_ADMIN_KEY)" : "")).exception();
    } else {
      throw Problem.unauthorized("the admin key is not valid").exception();
    }
  }
}
