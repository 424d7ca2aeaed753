package dev.inlet.smpp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The SMPP server for aggregators, the {@code smpp.server} section: where it listens, the ESME accounts that may
 * bind to it, each with the most binds it may hold at once across the cluster, and the lease of those places.
 */
public record AggregatorServerSettings(String host, int port, int windowSize, long routeTimeoutMs,
                                       int leaseSeconds, List<Account> accounts) {

  /** An aggregator's account: {@code system_id}, password, and the most binds it may hold at once (default 1). */
  public record Account(String systemId, String password, int maxBinds) {
    public Account {
      if (systemId == null || systemId.isEmpty() || systemId.length() > 15) {
        throw new IllegalArgumentException("smpp.server account needs a systemId of 1 to 15 characters");
      }
      if (password == null || password.length() > 8) {
        throw new IllegalArgumentException("smpp.server account " + systemId + " needs a password of at most 8 "
            + "characters (SMPP 3.4)");
      }
      if (maxBinds < 1) {
        throw new IllegalArgumentException("smpp.server account " + systemId + ": maxBinds must be at least 1");
      }
    }
  }

  public AggregatorServerSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("smpp.server.port is invalid: " + port);
    }
    if (windowSize < 1 || routeTimeoutMs < 1 || leaseSeconds < 1) {
      throw new IllegalArgumentException("smpp.server windowSize, routeTimeoutMs and leaseSeconds must be positive");
    }
    accounts = List.copyOf(accounts);
  }

  /** The server of an {@code smpp} section: present when it has a {@code server} object with a {@code port}. */
  public static java.util.Optional<AggregatorServerSettings> fromConfig(JsonObject smpp) {
    JsonObject server = smpp.getJsonObject("server");
    if (server == null || server.getValue("port") == null) {
      return java.util.Optional.empty();
    }
    List<Account> accounts = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Object o : server.getJsonArray("accounts", new JsonArray())) {
      JsonObject a = (JsonObject) o;
      Account account = new Account(a.getString("systemId"), a.getString("password", ""),
          a.getInteger("maxBinds", 1));
      if (!ids.add(account.systemId())) {
        throw new IllegalArgumentException("smpp.server has two accounts with systemId " + account.systemId());
      }
      accounts.add(account);
    }
    return java.util.Optional.of(new AggregatorServerSettings(server.getString("host", "0.0.0.0"),
        server.getInteger("port"), server.getInteger("windowSize", 64),
        server.getLong("routeTimeoutMs", smpp.getLong("routeTimeoutMs", 5000L)),
        server.getInteger("leaseSeconds", BindPolicy.DEFAULT_LEASE_SECONDS), accounts));
  }
}
