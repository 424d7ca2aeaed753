package dev.inlet.system;

import dev.inlet.node.InletNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/** Starts lab nodes for system tests: free ports, a known API key, no influence from the environment. */
public final class Nodes {

  public static final String API_KEY = "system-test-key";

  private Nodes() {
  }

  /**
   * The entry of {@link #API_KEY} in {@code http.apiKeys}: the system tests drive a node faster than a person, so their
   * key has the limits of an operator's automation (none on rentals and calls).
   */
  public static JsonObject apiKeyEntry() {
    return new JsonObject().put("key", API_KEY).put("limits", new JsonObject()
        .put("rentalsPerHour", 0).put("requestsPerSecond", 0).put("concurrentRentals", 0));
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A lab node's configuration overrides: every role unless given, free HTTP and SMSC ports. */
  public static JsonObject lab(int httpPort) {
    return new JsonObject()
        .put("http", new JsonObject().put("port", httpPort).put("host", "127.0.0.1")
            .put("apiKeys", new JsonArray().add(apiKeyEntry())))
        .put("lab", new JsonObject().put("smscPort", 0));
  }

  public static JsonObject clustered(JsonObject overrides, int clusterPort, int... memberPorts) {
    JsonArray members = new JsonArray();
    for (int p : memberPorts) {
      members.add("127.0.0.1:" + p);
    }
    return overrides.copy().put("cluster", new JsonObject().put("enabled", true).put("host", "127.0.0.1")
        .put("port", clusterPort).put("members", members));
  }

  public static Future<InletNode> start(JsonObject overrides) {
    return InletNode.start(null, Map.of(), overrides);
  }
}
