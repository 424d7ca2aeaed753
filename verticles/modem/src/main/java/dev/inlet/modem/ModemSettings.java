package dev.inlet.modem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The modem verticle's configuration ({@code modem.*}).
 *
 * @param ports              the ports, globs expanded
 * @param commandTimeoutMs   how long one AT command may take before it fails (a modem that stops answering)
 * @param listIntervalMs     how often stored messages are listed ({@code AT+CMGL=4}) in case a +CMTI was lost
 * @param statusIntervalMs   how often each port's status is published even when nothing changed
 * @param reopenMinMs        first delay before a lost or unresponsive port is opened again
 * @param reopenMaxMs        longest delay between attempts (the delay doubles, with jitter)
 * @param maxTimeouts        consecutive timeouts after which the modem is considered hung: close and reopen
 * @param quarantineAfterMs  how long a port may stay down before its number is quarantined (0: at once)
 * @param routeTimeoutMs     how long a message waits for the router's "stored"
 * @param inFlightPerPort    messages of one port waiting for the router at once (a flood on one port waits its turn)
 * @param cooldownSeconds    cooling-off of a rental ended by a quarantine
 */
public record ModemSettings(List<PortConfig> ports, long commandTimeoutMs, long listIntervalMs, long statusIntervalMs,
                            long reopenMinMs, long reopenMaxMs, int maxTimeouts, long quarantineAfterMs,
                            long routeTimeoutMs, int inFlightPerPort, long cooldownSeconds) {

  public static ModemSettings from(JsonObject c) {
    boolean lab = "lab".equals(c.getString("mode", "lab"));
    return new ModemSettings(
        PortConfig.fromJson(c.getJsonArray("ports", new JsonArray())),
        positive(c, "commandTimeoutMs", 5000),
        positive(c, "listIntervalMs", 30000),
        positive(c, "statusIntervalMs", 5000),
        positive(c, "reopenMinMs", 500),
        positive(c, "reopenMaxMs", 30000),
        (int) positive(c, "maxTimeouts", 3),
        c.getLong("quarantineAfterMs", 30000L),
        positive(c, "routeTimeoutMs", 5000),
        (int) positive(c, "inFlightPerPort", 4),
        c.getLong("cooldownSeconds", lab ? 30L : 1800L));
  }

  private static long positive(JsonObject c, String key, long fallback) {
    long v = c.getLong(key, fallback);
    if (v <= 0) {
      throw new IllegalArgumentException("modem." + key + " must be positive, not " + v);
    }
    return v;
  }
}
