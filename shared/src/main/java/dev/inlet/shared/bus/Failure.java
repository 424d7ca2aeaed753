package dev.inlet.shared.bus;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * The failures a reply on the bus can carry, as {@link ReplyException#failureCode()}.
 * Each edge maps them once: HTTP to a status and problem type, SMPP to a command_status.
 * Bus failures of Vert.x itself (timeout, no handlers) map to {@link #TIMEOUT} and {@link #UNAVAILABLE}.
 * The codes are Inlet's own (1xxx: the request's fault, 11xx: transient); they are not HTTP statuses.
 */
public enum Failure {
  /** The request is malformed (missing or invalid field). Permanent. */
  INVALID_REQUEST(1001, false),
  /** The caller may not see or change this thing. */
  FORBIDDEN(1002, false),
  /** The number is not part of the pool. Permanent. */
  UNKNOWN_NUMBER(1003, false),
  /** No session with this id (or not one of the caller's). */
  SESSION_NOT_FOUND(1004, false),
  /** The session exists but has ended (released or expired). */
  SESSION_ENDED(1005, false),
  /** The number exists but is rented by someone else or cooling off. */
  NUMBER_UNAVAILABLE(1006, false),
  /** No free number matches the request. */
  NO_NUMBER_AVAILABLE(1007, false),
  /** A store could not be reached or failed to write: try again later. */
  STORE_UNAVAILABLE(1101, true),
  /** No consumer for the address: the verticle is not deployed on any node. */
  UNAVAILABLE(1102, true),
  /** The reply did not come in time. */
  TIMEOUT(1103, true),
  /** An unexpected error: a bug. */
  INTERNAL(1199, true);

  private final int code;
  private final boolean transientFailure;

  Failure(int code, boolean transientFailure) {
    this.code = code;
    this.transientFailure = transientFailure;
  }

  public int code() {
    return code;
  }

  /** Whether trying the same thing later may succeed (SMPP: temporary error, HTTP: 5xx). */
  public boolean isTransient() {
    return transientFailure;
  }

  public ReplyException exception(String detail) {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code, detail);
  }

  public static Failure ofCode(int code) {
    for (Failure f : values()) {
      if (f.code == code) {
        return f;
      }
    }
    return INTERNAL;
  }

  /** Classifies any failure that came back from a bus request. */
  public static Failure of(Throwable t) {
    if (t instanceof ReplyException re) {
      return switch (re.failureType()) {
        case TIMEOUT -> TIMEOUT;
        case NO_HANDLERS -> UNAVAILABLE;
        case RECIPIENT_FAILURE, ERROR -> ofCode(re.failureCode());
      };
    }
    return INTERNAL;
  }

  /** The detail a failure carries, for problem+json and logs. */
  public static String detail(Throwable t) {
    if (t instanceof ReplyException re) {
      return switch (re.failureType()) {
        case TIMEOUT -> "no reply in time from " + addressOf(re);
        case NO_HANDLERS -> "no verticle serves " + addressOf(re) + " on any node";
        default -> re.getMessage();
      };
    }
    return String.valueOf(t.getMessage());
  }

  private static final Pattern NO_HANDLERS_ADDRESS =
      Pattern.compile("address:? (\\S+)");
  private static final Pattern REPLIED_ADDRESS =
      Pattern.compile("repliedAddress: (\\S+)");

  /** The address a bus failure names (Vert.x puts it in the message), or "the address". */
  private static String addressOf(ReplyException re) {
    String m = re.getMessage();
    if (m == null) {
      return "the address";
    }
    Matcher replied = REPLIED_ADDRESS.matcher(m);
    if (replied.find()) {
      return replied.group(1);
    }
    Matcher plain = NO_HANDLERS_ADDRESS.matcher(m);
    return plain.find() ? plain.group(1) : "the address";
  }
}
