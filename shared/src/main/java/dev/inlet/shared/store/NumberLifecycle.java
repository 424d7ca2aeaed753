package dev.inlet.shared.store;

import dev.inlet.shared.bus.Failure;
import java.time.Instant;
import java.util.Objects;

/**
 * The life of a pool number, as an explicit state machine. Every store applies these rules (in one
 * atomic step with the rental it records), so the rules live here once:
 *
 * <pre>
 *   FREE ──claim──► RESERVED ──first SMS──► IN_USE
 *    ▲                 │                      │
 *    │                 └────── end (released, expired, idle) ──► RELEASED ──► COOLDOWN ──(time)──► FREE
 *    │
 *    └──(time, or manual return)── QUARANTINE ◄── quarantine (manual or health check), from any state
 * </pre>
 *
 * RELEASED is the instant of the end: the number goes straight on to COOLDOWN until its cooling-off
 * has passed (never shorter than the routing grace, so a late message cannot reach the next renter).
 * Timed states turn FREE by themselves: {@link #effective} reads a stored state at an instant.
 */
public final class NumberLifecycle {

  public enum State { FREE, RESERVED, IN_USE, RELEASED, COOLDOWN, QUARANTINE }

  /**
   * The stored state of one number.
   *
   * @param sessionId the rental that holds it (RESERVED, IN_USE), or that held it last (COOLDOWN)
   * @param until     end of COOLDOWN or QUARANTINE; null for a quarantine that lasts until a manual return
   * @param reason    why it is quarantined
   */
  public record NumberState(State state, String sessionId, Instant until, String reason) {
    public static final NumberState FREE = new NumberState(State.FREE, null, null, null);

    public NumberState {
      Objects.requireNonNull(state, "state");
    }

    public boolean held() {
      return state == State.RESERVED || state == State.IN_USE;
    }
  }

  private NumberLifecycle() {
  }

  /** The state at {@code now}: a cooling-off or timed quarantine that has passed is FREE. */
  public static NumberState effective(NumberState s, Instant now) {
    boolean timedOut = s.until() != null && !now.isBefore(s.until());
    if ((s.state() == State.COOLDOWN || s.state() == State.RELEASED || s.state() == State.QUARANTINE) && timedOut) {
      return NumberState.FREE;
    }
    return s;
  }

  /**
   * FREE to RESERVED for a new rental.
   *
   * @param blockedForService whether the number is on the blocklist of the renter's service
   * @throws io.vertx.core.eventbus.ReplyException {@link Failure#NUMBER_UNAVAILABLE} saying why not
   */
  public static NumberState claim(String number, NumberState current, Instant now, boolean blockedForService,
                                  String service, String sessionId) {
    NumberState s = effective(current, now);
    switch (s.state()) {
      case FREE -> {
        if (blockedForService) {
          throw Failure.NUMBER_UNAVAILABLE.exception("number " + number + " is on the blocklist of service " + service);
        }
        return new NumberState(State.RESERVED, sessionId, null, null);
      }
      case RESERVED, IN_USE -> throw Failure.NUMBER_UNAVAILABLE.exception("number " + number + " is rented by someone else");
      case RELEASED, COOLDOWN -> throw Failure.NUMBER_UNAVAILABLE.exception("number " + number
          + " is cooling off after its last rental until " + s.until().truncatedTo(java.time.temporal.ChronoUnit.MILLIS) + "; try another");
      case QUARANTINE -> throw Failure.NUMBER_UNAVAILABLE.exception("number " + number + " is in quarantine"
          + (s.reason() == null ? "" : " (" + s.reason() + ")") + (s.until() == null ? "" : " until " + s.until()));
      default -> throw new IllegalStateException(s.state().name());
    }
  }

  /** RESERVED to IN_USE when the rental's first message arrives; any other state is left as it is. */
  public static NumberState smsReceived(NumberState s, String sessionId) {
    if (s.state() == State.RESERVED && sessionId.equals(s.sessionId())) {
      return new NumberState(State.IN_USE, sessionId, null, null);
    }
    return s;
  }

  /**
   * The rental {@code sessionId} ended at {@code at}: RELEASED, then COOLDOWN until {@code coolUntil}. A number
   * that is no longer held by that rental (quarantined meanwhile) keeps its state.
   */
  public static NumberState end(NumberState s, String sessionId, Instant coolUntil) {
    if (s.held() && sessionId.equals(s.sessionId())) {
      return new NumberState(State.COOLDOWN, sessionId, coolUntil, null);
    }
    return s;
  }

  /** Any state to QUARANTINE; a rental that holds the number must be ended with it (reason QUARANTINED). */
  public static NumberState quarantine(NumberState s, Instant until, String reason) {
    // a timed quarantine never cuts a cooling-off short
    Instant end = until != null && s.state() == State.COOLDOWN && s.until() != null && until.isBefore(s.until())
        ? s.until() : until;
    return new NumberState(State.QUARANTINE, s.sessionId(), end, reason);
  }

  /**
   * QUARANTINE back to the pool by hand: through COOLDOWN when its last rental's cooling-off is still running.
   *
   * @param coolUntil when the cooling-off of the number's last rental ends (null: no rental, or long over)
   */
  public static NumberState returnFromQuarantine(NumberState s, Instant now, Instant coolUntil) {
    if (s.state() != State.QUARANTINE) {
      return s;
    }
    return coolUntil != null && now.isBefore(coolUntil)
        ? new NumberState(State.COOLDOWN, s.sessionId(), coolUntil, null)
        : NumberState.FREE;
  }
}
