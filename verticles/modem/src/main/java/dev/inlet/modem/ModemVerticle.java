package dev.inlet.modem;

import dev.inlet.modem.serial.JSerialCommLink;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.bus.SmsIngest;
import dev.inlet.shared.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GSM modems and SIM banks on serial ports ({@code modem.ports}): one {@link ModemPort} per port, each number
 * joining the pool, each message handed to the router exactly as the SMPP verticle hands a deliver_sm
 * ({@code Addresses.numberInbound}, then {@code ROUTER_UNROUTED}) and deleted from the SIM once stored, each
 * port's health published on {@code Addresses.STATUS_MODEMS}.
 */
public final class ModemVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ModemVerticle.class);

  /** Ports opened by a modem verticle of this JVM: a second instance ({@code instances.modem} > 1) skips them. */
  private static final Set<String> SERVED = ConcurrentHashMap.newKeySet();

  private final List<ModemPort> ports = new ArrayList<>();

  @Override
  public Future<?> start() {
    MessageCodecs.register(vertx);
    ModemSettings settings;
    try {
      settings = ModemSettings.from(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    if (settings.ports().isEmpty()) {
      LOG.info("no modem ports configured");
      return Future.succeededFuture();
    }
    String node = config().getString("node", ManagementFactory.getRuntimeMXBean().getName());
    SmsIngest ingest = new SmsIngest(vertx.eventBus(), settings.routeTimeoutMs());
    return Stores.open(vertx, config()).map(backend -> {
      PoolMembership pool = new PoolMembership(backend.pool(), vertx.eventBus(),
          Duration.ofSeconds(settings.cooldownSeconds()));
      ModemIngest messages = new ModemIngest(ingest);
      for (PortConfig port : settings.ports()) {
        if (!SERVED.add(port.port())) {
          LOG.info("{} is served by another modem verticle instance of this node", port.port());
          continue;
        }
        ports.add(new ModemPort(vertx, context, port, settings, p -> new JSerialCommLink(p.port(), p.baud()),
            messages, pool, node));
      }
      ports.forEach(ModemPort::start);
      LOG.info("{} modem port(s): {}", ports.size(), ports.stream().map(ModemPort::path).toList());
      return null;
    });
  }

  @Override
  public Future<?> stop() {
    return Future.all(ports.stream().map(ModemPort::stop).toList())
        .onComplete(v -> ports.forEach(p -> SERVED.remove(p.path())));
  }
}
