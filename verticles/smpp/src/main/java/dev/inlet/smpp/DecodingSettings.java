package dev.inlet.smpp;

import dev.inlet.shared.sms.SmsAlphabet;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * How one bind decodes what its SMSC delivers and scopes its dedup, from the {@code smpp} section (or a {@code binds}
 * entry, which inherits what it does not set), beside {@link BindSettings}:
 * <ul>
 *   <li>{@code smscDefaultAlphabet}: what data_coding 0 means: {@code gsm} (GSM 03.38, default), {@code latin1} or
 *       {@code ascii};</li>
 *   <li>{@code settleAfterMs} (default 5000) and {@code settleAnsweredWithinMs} (default 2000): see
 *       {@link Settlements}.</li>
 * </ul>
 */
record DecodingSettings(SmsAlphabet smscDefault, long settleAfterMs, long settleAnsweredWithinMs) {

  static final DecodingSettings DEFAULT = new DecodingSettings(SmsAlphabet.GSM7, 5000, 2000);
  static final int MAX_PENDING_SETTLEMENTS = 100_000;

  DecodingSettings {
    if (settleAfterMs < 0 || settleAnsweredWithinMs < 0) {
      throw new IllegalArgumentException("smpp settleAfterMs and settleAnsweredWithinMs must not be negative");
    }
  }

  /** The settings of each bind by name (named as {@link BindSettings#fromConfig} names them). */
  static Map<String, DecodingSettings> fromConfig(JsonObject section) {
    Map<String, DecodingSettings> out = new HashMap<>();
    JsonArray binds = section.getJsonArray("binds");
    if (binds == null || binds.isEmpty()) {
      out.put(section.getString("name", "default"), from(section));
      return out;
    }
    for (int i = 0; i < binds.size(); i++) {
      JsonObject merged = section.copy();
      merged.remove("binds");
      merged.mergeIn(binds.getJsonObject(i));
      out.put(merged.getString("name", "default"), from(merged));
    }
    return out;
  }

  private static DecodingSettings from(JsonObject c) {
    return new DecodingSettings(SmsAlphabet.smscDefault(c.getString("smscDefaultAlphabet", "gsm")),
        c.getLong("settleAfterMs", DEFAULT.settleAfterMs()),
        c.getLong("settleAnsweredWithinMs", DEFAULT.settleAnsweredWithinMs()));
  }
}
