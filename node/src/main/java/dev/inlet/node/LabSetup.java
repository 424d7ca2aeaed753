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
 * port for the SMSC simulator when asked for port 0, and the SMPP bind pointed at the simulator so
 * that lab traffic takes the production path over real TCP.
 */
final class LabSetup {

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
    JsonObject smpp = section(out, "smpp");
    smpp.put("name", smpp.getString("name", "lab"))
        .put("host", InetAddress.getLoopbackAddress().getHostAddress())
        .put("port", smscPort)
        .put("systemId", lab.getString("systemId", "inlet"))
        .put("password", lab.getString("password", "lab-pass"))
        .remove("binds");
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
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return "lab_" + HexFormat.of().formatHex(b);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
