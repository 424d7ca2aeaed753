package dev.inlet.modem.pdu;

/** A TPDU that cannot be decoded: the message says which field at which octet, and why. */
public final class PduException extends Exception {

  public PduException(String message) {
    super(message);
  }
}
