package dev.inlet.modem.at;

/** A command that did not end with OK: the modem's error (with its code) or no answer in time. */
public final class AtException extends RuntimeException {

  public enum Kind {
    /** Plain {@code ERROR}. */
    ERROR,
    /** {@code +CMS ERROR: <code>}: a message service error (27.005 3.2.5), e.g. 321 invalid memory index, 322 memory full. */
    CMS,
    /** {@code +CME ERROR: <code>}: an equipment error (27.007 9.2), e.g. 10 SIM not inserted. */
    CME,
    /** No final result code within the command's timeout. */
    TIMEOUT,
    /** The port closed while the command waited. */
    CLOSED
  }

  private final Kind kind;
  private final String command;
  private final String code;

  public AtException(Kind kind, String command, String code) {
    super(command + ": " + describe(kind, code));
    this.kind = kind;
    this.command = command;
    this.code = code;
  }

  private static String describe(Kind kind, String code) {
    return switch (kind) {
      case ERROR -> "ERROR";
      case CMS -> "+CMS ERROR " + code;
      case CME -> "+CME ERROR " + code;
      case TIMEOUT -> "no answer within the timeout";
      case CLOSED -> "port closed";
    };
  }

  public Kind kind() {
    return kind;
  }

  public String command() {
    return command;
  }

  /** The error code as the modem gave it (a number with {@code AT+CMEE=1}), null for ERROR, TIMEOUT, CLOSED. */
  public String code() {
    return code;
  }

  /** Whether this is {@code +CMS ERROR} or {@code +CME ERROR} with this numeric code. */
  public boolean is(Kind k, int numeric) {
    return kind == k && String.valueOf(numeric).equals(code);
  }
}
