package dev.inlet.modem.pdu;

/**
 * Turns user data into text. The PDU decoder finds where the text is and how it is coded; the alphabets
 * themselves (GSM 03.38 with its national shift tables, septet unpacking, UCS-2) belong to the text core.
 */
public interface TextDecoding {

  /**
   * GSM 7-bit text.
   *
   * @param packed       packed septets, the first starting after {@code fillBits} bits of the first octet
   * @param fillBits     bits to skip first (0-6)
   * @param septets      how many septets to read
   * @param lockingShift national locking shift table, 0 = default alphabet
   * @param singleShift  national single shift table, 0 = default extension table
   */
  String gsm7(byte[] packed, int fillBits, int septets, int lockingShift, int singleShift);

  /** UCS-2 (read as UTF-16BE, so surrogate pairs survive). */
  String ucs2(byte[] octets);
}
