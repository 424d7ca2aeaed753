package dev.inlet.modem.pdu;

/**
 * An address field of a TPDU (23.040 9.1.2.5): the service centre, the originator of an SMS-DELIVER, the
 * recipient of a status report.
 *
 * @param kind  what the type of number says
 * @param value {@code +} and digits when international, the digits when national or other, the text when
 *              alphanumeric
 * @param ton   type of number (bits 6-4 of the type-of-address octet)
 * @param npi   numbering plan identification (bits 3-0)
 */
public record Address(Kind kind, String value, int ton, int npi) {

  public enum Kind { INTERNATIONAL, NATIONAL, ALPHANUMERIC, OTHER }
}
