package dev.inlet.node;

import dev.inlet.shared.config.InletConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Completes a lab-mode configuration: an API key when none is given (printed at start-up), a free
 * port for the SMSC simulator when asked for port 0, the simulator's credentials when none are given
 * (random at each start, never printed: only this node's own bind knows them), and an SMPP bind to the
 * simulator so that lab traffic takes the production path over real TCP (next to any bind to a real SMSC
 * that is configured).
 */
final class LabSetup {

  private static final SecureRandom RANDOM = new SecureRandom();

  private LabSetup() {
  }

  static JsonObject prepare(JsonObject conf) {
    JsonObject out = conf.copy();
    if (!InletConfig.isLab(out)) {
      return out;
    }
    JsonObject http = section(out, "http");
    JsonArray keys = http.getJsonArray("apiKeys", new JsonArray());
    if (keys.isEmpty()) {
      http.put("apiKeys", new JsonArray().add(newApiKey()));
      http.put("generatedApiKey", true);
    }
    JsonObject lab = section(out, "lab");
    int smscPort = lab.getInteger("smscPort", 2775);
    if (smscPort == 0) {
      smscPort = freePort();
      lab.put("smscPort", smscPort);
    }
    if (!out.getJsonArray("roles", new JsonArray()).contains("smsc-simulator")) {
      return out; // the simulator runs elsewhere or not at all: the SMPP binds are as configured
    }
    // the simulator accepts only this node's own bind: without configured credentials, fresh ones at each start
    if (isBlank(lab.getString("systemId"))) {
      lab.put("systemId", "lab" + random(4));
    }
    if (isBlank(lab.getString("password"))) {
      lab.put("password", random(4));
      lab.put("generatedCredentials", true);
    }
    JsonObject smpp = section(out, "smpp");
    JsonObject labBind = new JsonObject()
        .put("name", "lab")
        .put("host", InetAddress.getLoopbackAddress().getHostAddress())
        .put("port", smscPort)
        .put("systemId", lab.getString("systemId"))
        .put("password", lab.getString("password"))
        .put("bindType", "receiver")
        // the simulator is this node's own SMSC: each node (and instance) binds its own, no cluster-wide lease
        .put("leased", false)
        .put("idleRebindSeconds", 0);
    JsonArray binds = smpp.getJsonArray("binds", new JsonArray());
    if (binds.isEmpty() && smpp.getString("host") == null) {
      smpp.mergeIn(labBind); // the usual lab node: one bind, to the simulator
    } else {
      // binds to real SMSCs were configured too: keep them and add the simulator's
      JsonArray all = binds.isEmpty() ? new JsonArray().add(new JsonObject().put("name", smpp.getString("name", "smsc")))
          : binds.copy();
      smpp.put("binds", all.add(labBind));
    }
    return out;
  }

  static String apiKey(JsonObject conf) {
    return section(conf, "http").getJsonArray("apiKeys", new JsonArray()).getString(0);
  }

  private static JsonObject section(JsonObject conf, String name) {
    JsonObject s = conf.getJsonObject(name);
    if (s == null) {
      s = new JsonObject();
      conf.put(name, s);
    }
    return s;
  }

  private static String newApiKey() {
    return "lab_" + random(16);
  }

  /** {@code bytes} random bytes in hex (an SMPP password holds at most 8 characters: 4 bytes). */
  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
