package dev.inlet.modem;

import dev.inlet.shared.bus.MessageCodecs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GSM modems and SIM banks on serial ports. In this version the verticle takes its place in the node
 * and reads its configuration; the AT command engine and PDU decoding arrive with the modem issue
 * (roadmap item 4), and will hand each SMS to {@code Addresses.numberInbound} exactly as the SMPP
 * verticle does. Configured ports are reported, not silently ignored.
 */
public final class ModemVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ModemVerticle.class);

  @Override
  public Future<?> start() {
    MessageCodecs.register(vertx);
    JsonArray ports = config().getJsonArray("ports", new JsonArray());
    if (ports.isEmpty()) {
      LOG.info("no modem ports configured");
    } else {
      LOG.warn("{} modem port(s) configured but modem polling is not available in this version: {}",
          ports.size(), ports.encode());
    }
    return Future.succeededFuture();
  }
}
