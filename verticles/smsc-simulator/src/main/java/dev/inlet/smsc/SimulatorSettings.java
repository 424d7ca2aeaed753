package dev.inlet.smsc;

import io.vertx.core.json.JsonObject;

/**
 * The {@code lab} configuration section, as the SMSC simulator reads it.
 *
 * @param smscPort          the TCP port on 127.0.0.1 the simulator listens on
 * @param systemId          the system_id an ESME must bind with
 * @param password          the password an ESME must bind with
 * @param responseTimeoutMs how long to wait for a deliver_sm_resp
 * @param windowSize        how many deliver_sm may await their response on one session
 */
public record SimulatorSettings(int smscPort, String systemId, String password, long responseTimeoutMs,
                                int windowSize) {

  private static final int MIN_WINDOW_SIZE = 64;

  public SimulatorSettings {
    if (smscPort < 0 || smscPort > 65535) {
      throw new IllegalArgumentException("lab.smscPort is invalid: " + smscPort);
    }
    if (systemId == null || systemId.isEmpty()) {
      throw new IllegalArgumentException("lab.systemId is required");
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("lab.password is required: the simulator accepts only binds that know it "
          + "(a lab node generates one at each start when none is configured)");
    }
    if (responseTimeoutMs <= 0) {
      throw new IllegalArgumentException("lab.responseTimeoutMs must be positive");
    }
    if (windowSize < MIN_WINDOW_SIZE) {
      throw new IllegalArgumentException("lab.windowSize must be at least " + MIN_WINDOW_SIZE);
    }
  }

  public static SimulatorSettings fromConfig(JsonObject lab) {
    return new SimulatorSettings(
        lab.getInteger("smscPort", 2775),
        lab.getString("systemId"),
        lab.getString("password"),
        lab.getLong("responseTimeoutMs", 10_000L),
        lab.getInteger("windowSize", 256));
  }
}
