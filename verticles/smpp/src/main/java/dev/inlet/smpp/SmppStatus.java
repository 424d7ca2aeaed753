package dev.inlet.smpp;

import dev.inlet.shared.bus.Failure;

/**
 * The command_status Inlet answers a deliver_sm with, decided in one place.
 *
 * <p>A bus failure is classified with {@link Failure#of(Throwable)}: a number outside the pool is an
 * invalid destination, a permanent failure tells the SMSC not to retry, and a transient one
 * (timeout, no router, store down, bug) asks it to retry later.
 */
public final class SmppStatus {

  /** The message is stored: the SMSC may forget it. */
  public static final int ESME_ROK = 0x00000000;
  /** The PDU's body is malformed (answered with generic_nack). */
  public static final int ESME_RINVCMDLEN = 0x00000002;
  /** The PDU's command is not one Inlet handles. */
  public static final int ESME_RINVCMDID = 0x00000003;
  /** The destination is not a number Inlet serves, or not a valid international number. */
  public static final int ESME_RINVDSTADR = 0x0000000B;
  /** Temporary application error: the SMSC should retry later. */
  public static final int ESME_RX_T_APPN = 0x00000064;
  /** Permanent application error: retrying the same message will not help. */
  public static final int ESME_RX_R_APPN = 0x00000065;

  private SmppStatus() {
  }

  /** The status for a failed route request (the reply of the router, or the bus itself). */
  public static int forRouteFailure(Throwable failure) {
    return forFailure(Failure.of(failure));
  }

  /** The status for a classified failure. */
  public static int forFailure(Failure failure) {
    if (failure == Failure.UNKNOWN_NUMBER) {
      return ESME_RINVDSTADR;
    }
    return failure.isTransient() ? ESME_RX_T_APPN : ESME_RX_R_APPN;
  }

  /** The status for a deliver_sm that could not be turned into a message. */
  public static int forProblem(DecodedDeliverSm.Problem problem) {
    return switch (problem) {
      case INVALID_DESTINATION -> ESME_RINVDSTADR;
      case UNDECODABLE -> ESME_RX_R_APPN;
    };
  }

  /** Whether the SMSC is expected to try the message again. */
  public static boolean isTemporary(int status) {
    return status == ESME_RX_T_APPN;
  }

  /** The SMPP name of a status, for logs. */
  public static String name(int status) {
    return switch (status) {
      case ESME_ROK -> "ESME_ROK";
      case ESME_RINVCMDLEN -> "ESME_RINVCMDLEN";
      case ESME_RINVCMDID -> "ESME_RINVCMDID";
      case ESME_RINVDSTADR -> "ESME_RINVDSTADR";
      case ESME_RX_T_APPN -> "ESME_RX_T_APPN";
      case ESME_RX_R_APPN -> "ESME_RX_R_APPN";
      default -> String.format("0x%08X", status);
    };
  }
}
