package dev.inlet.pool;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.config.InletConfig;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * How long rentals last and when a number may be rented again (the {@code pool} section).
 *
 * @param defaultDuration window given when the renter asks for none ({@code rentalSeconds})
 * @param maxDuration     longest a rental may last, extensions included ({@code maxRentalSeconds})
 * @param grace           after a rental ends, messages still go to it for this long ({@code graceSeconds})
 * @param cooldown        after a rental ends, the number is not rented again for this long ({@code cooldownSeconds};
 *                        default 30 minutes in production, 30 s in lab; never shorter than the grace, so that a
 *                        late message can never reach the next renter)
 * @param idle            a rental without a message for this long is released ({@code idleSeconds}; 0: never)
 * @param wsTokenLifetime how long a WebSocket token is valid ({@code wsTokenSeconds}, at most 60, default 60)
 */
record RentalPolicy(Duration defaultDuration, Duration maxDuration, Duration grace, Duration cooldown,
                    Duration idle, Duration wsTokenLifetime) {

  static final Duration MIN_DURATION = Duration.ofSeconds(60);
  /** A WebSocket token lives at most this long (it only has to survive the trip from the page to the socket). */
  static final int MAX_WS_TOKEN_SECONDS = 60;

  static RentalPolicy from(JsonObject conf) {
    Duration grace = Duration.ofSeconds(conf.getInteger("graceSeconds", 30));
    int defaultCooldown = InletConfig.isLab(conf) ? 30 : 1800;
    Duration cooldown = Duration.ofSeconds(conf.getInteger("cooldownSeconds", defaultCooldown));
    int idleSeconds = conf.getInteger("idleSeconds", 0);
    int wsTokenSeconds = conf.getInteger("wsTokenSeconds", MAX_WS_TOKEN_SECONDS);
    if (wsTokenSeconds <= 0 || wsTokenSeconds > MAX_WS_TOKEN_SECONDS) {
      throw new IllegalArgumentException("pool.wsTokenSeconds must be between 1 and " + MAX_WS_TOKEN_SECONDS
          + ", not " + wsTokenSeconds);
    }
    return new RentalPolicy(
        Duration.ofSeconds(conf.getInteger("rentalSeconds", 600)),
        Duration.ofSeconds(conf.getInteger("maxRentalSeconds", 3600)),
        grace,
        cooldown.compareTo(grace) < 0 ? grace : cooldown,
        idleSeconds <= 0 ? null : Duration.ofSeconds(idleSeconds),
        Duration.ofSeconds(wsTokenSeconds));
  }

  /** The window for a request of {@code seconds} (0: the default). */
  Duration duration(int seconds) {
    if (seconds == 0) {
      return defaultDuration;
    }
    Duration asked = Duration.ofSeconds(seconds);
    if (asked.compareTo(MIN_DURATION) < 0 || asked.compareTo(maxDuration) > 0) {
      throw Failure.INVALID_REQUEST.exception("duration_seconds must be between " + MIN_DURATION.toSeconds()
          + " and " + maxDuration.toSeconds() + ", not " + seconds);
    }
    return asked;
  }
}
