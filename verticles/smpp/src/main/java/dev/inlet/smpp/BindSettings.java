package dev.inlet.smpp;

import com.cloudhopper.smpp.SmppBindType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One bind to an SMSC, as configured in the {@code smpp} section: either the section's own fields, or
 * each entry of its {@code binds} array (an entry inherits the fields it does not set from the section).
 */
public record BindSettings(String name, String host, int port, String systemId, String password,
                           SmppBindType bindType, int windowSize, int enquireLinkSeconds, long routeTimeoutMs,
                           long reconnectMinMs, long reconnectMaxMs) {

  public BindSettings {
    require(name != null && !name.isBlank(), "smpp bind needs a name");
    require(host != null && !host.isBlank(), "smpp bind " + name + " needs a host");
    require(port > 0 && port < 65536, "smpp bind " + name + " has an invalid port " + port);
    require(systemId != null && !systemId.isEmpty(), "smpp bind " + name + " needs a systemId");
    require(bindType == SmppBindType.RECEIVER || bindType == SmppBindType.TRANSCEIVER,
        "smpp bind " + name + ": bindType must be receiver or transceiver");
    require(windowSize > 0, "smpp bind " + name + ": windowSize must be positive");
    require(enquireLinkSeconds > 0, "smpp bind " + name + ": enquireLinkSeconds must be positive");
    require(routeTimeoutMs > 0, "smpp bind " + name + ": routeTimeoutMs must be positive");
    require(reconnectMinMs > 0 && reconnectMaxMs >= reconnectMinMs,
        "smpp bind " + name + ": need 0 < reconnectMinMs <= reconnectMaxMs");
  }

  /** The binds a configuration asks for: its {@code binds} array when present, else one bind from its own fields. */
  public static List<BindSettings> fromConfig(JsonObject section) {
    JsonArray binds = section.getJsonArray("binds");
    List<BindSettings> out = new ArrayList<>();
    if (binds == null || binds.isEmpty()) {
      out.add(from(section));
      return out;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < binds.size(); i++) {
      JsonObject merged = section.copy();
      merged.remove("binds");
      merged.mergeIn(binds.getJsonObject(i));
      BindSettings bind = from(merged);
      require(names.add(bind.name()), "two smpp binds are named " + bind.name());
      out.add(bind);
    }
    return out;
  }

  private static BindSettings from(JsonObject c) {
    return new BindSettings(
        c.getString("name", "default"),
        c.getString("host"),
        c.getInteger("port", 2775),
        c.getString("systemId"),
        c.getString("password", ""),
        bindType(c.getString("bindType", "receiver")),
        c.getInteger("windowSize", 64),
        c.getInteger("enquireLinkSeconds", 30),
        c.getLong("routeTimeoutMs", 5000L),
        c.getLong("reconnectMinMs", 250L),
        c.getLong("reconnectMaxMs", 30_000L));
  }

  private static SmppBindType bindType(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "receiver" -> SmppBindType.RECEIVER;
      case "transceiver" -> SmppBindType.TRANSCEIVER;
      default -> throw new IllegalArgumentException("smpp bindType must be receiver or transceiver, not " + name);
    };
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
