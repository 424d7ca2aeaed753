package dev.inlet.pool;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.Rental;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * How long rentals last and when a number may be rented again.
 *
 * @param defaultDuration window given when the renter asks for none
 * @param maxDuration     longest window a renter may ask for
 * @param grace           after a rental ends, messages still go to it for this long
 * @param cooldown        after a rental ends, the number is not rented again for this long (never shorter than grace,
 *                        so that a late message can never reach the next renter)
 * @param wsTokenLifetime how long a WebSocket token is valid
 */
record RentalPolicy(Duration defaultDuration, Duration maxDuration, Duration grace, Duration cooldown,
                    Duration wsTokenLifetime) {

  static final Duration MIN_DURATION = Duration.ofSeconds(60);

  static RentalPolicy from(JsonObject conf) {
    Duration grace = Duration.ofSeconds(conf.getInteger("graceSeconds", 30));
    Duration cooldown = Duration.ofSeconds(conf.getInteger("cooldownSeconds", 0));
    return new RentalPolicy(
        Duration.ofSeconds(conf.getInteger("rentalSeconds", 600)),
        Duration.ofSeconds(conf.getInteger("maxRentalSeconds", 3600)),
        grace,
        cooldown.compareTo(grace) < 0 ? grace : cooldown,
        Duration.ofSeconds(conf.getInteger("wsTokenSeconds", 300)));
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

  /** When a rental stops holding its number for routing: its end, or its expiry if sooner. */
  static Instant end(Rental r) {
    return r.endedAt() != null && r.endedAt().isBefore(r.expiresAt()) ? r.endedAt() : r.expiresAt();
  }

  /** Whether a message received at {@code at} belongs to this rental. */
  boolean holds(Rental r, Instant at) {
    return !at.isBefore(r.startedAt()) && at.isBefore(end(r).plus(grace));
  }

  /** Whether the number of this ended rental is still cooling off at {@code now}. */
  boolean coolingOff(Rental lastEnded, Instant now) {
    return now.isBefore(end(lastEnded).plus(cooldown));
  }
}
