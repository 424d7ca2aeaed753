package dev.inlet.modem.pdu;

/**
 * TP-DCS read per 23.038 chapter 4.
 *
 * @param value        the octet
 * @param alphabet     how the user data is coded
 * @param compressed   whether the text is compressed (Inlet does not decompress: it keeps the octets as hex)
 * @param messageClass 0-3, or -1 when the DCS gives none
 */
public record DataCoding(int value, Alphabet alphabet, boolean compressed, int messageClass) {

  public enum Alphabet { GSM7, EIGHT_BIT, UCS2 }

  /** Reads a DCS octet; reserved codings are read as the GSM 7-bit default alphabet, as 23.038 asks of receivers. */
  public static DataCoding of(int dcs) {
    int group = dcs >> 4;
    if (group <= 0x07) {
      // general data coding (00xx) and automatic deletion (01xx)
      boolean compressed = (dcs & 0x20) != 0;
      int messageClass = (dcs & 0x10) != 0 ? dcs & 0x03 : -1;
      Alphabet alphabet = switch ((dcs >> 2) & 0x03) {
        case 1 -> Alphabet.EIGHT_BIT;
        case 2 -> Alphabet.UCS2;
        default -> Alphabet.GSM7; // 00, and 11 (reserved)
      };
      return new DataCoding(dcs, alphabet, compressed, messageClass);
    }
    if (group == 0x0C || group == 0x0D) {
      return new DataCoding(dcs, Alphabet.GSM7, false, -1); // message waiting indication, discard / store
    }
    if (group == 0x0E) {
      return new DataCoding(dcs, Alphabet.UCS2, false, -1); // message waiting indication, store, UCS-2
    }
    if (group == 0x0F) {
      return new DataCoding(dcs, (dcs & 0x04) != 0 ? Alphabet.EIGHT_BIT : Alphabet.GSM7, false, dcs & 0x03);
    }
    return new DataCoding(dcs, Alphabet.GSM7, false, -1); // 1000-1011: reserved coding groups
  }
}
