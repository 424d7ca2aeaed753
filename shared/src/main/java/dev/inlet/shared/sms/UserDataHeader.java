package dev.inlet.shared.sms;

import java.util.Optional;

/**
 * What Inlet reads in a user data header (3GPP TS 23.040 9.2.3.24): the concatenation element (IEI 0x00, 8-bit
 * reference, or 0x08, 16-bit reference) and the national language shift elements (IEI 0x24 single shift, 0x25
 * locking shift, 23.040 9.2.3.24.15-16). Other elements are skipped by their length.
 *
 * @param concat       the concatenation element, when there is a valid one
 * @param lockingShift national language identifier of the locking shift table (0: default)
 * @param singleShift  national language identifier of the single shift table (0: default)
 */
public record UserDataHeader(Optional<Concatenation> concat, int lockingShift, int singleShift) {

  public static final int IEI_CONCAT_8BIT_REF = 0x00;
  public static final int IEI_CONCAT_16BIT_REF = 0x08;
  public static final int IEI_SINGLE_SHIFT = 0x24;
  public static final int IEI_LOCKING_SHIFT = 0x25;

  /** No header: no concatenation, default tables. */
  public static final UserDataHeader NONE = new UserDataHeader(Optional.empty(), 0, 0);

  /**
   * One part of a concatenated message, as its header says.
   *
   * @param reference     the concatenation reference, the same for every part of one message
   * @param referenceBits 8 or 16
   * @param total         how many parts the message has (1-255)
   * @param number        this part's number (1..total)
   */
  public record Concatenation(int reference, int referenceBits, int total, int number) {
  }

  /**
   * Parses the elements of a header (without its leading length octet). An element that runs past the end stops
   * the parse (the elements before it count); a concatenation element with a total of 0 or a number outside
   * 1..total is not a concatenation (the part is kept as a message of its own).
   */
  public static UserDataHeader parse(byte[] header) {
    Optional<Concatenation> concat = Optional.empty();
    int locking = 0;
    int single = 0;
    int i = 0;
    while (i + 1 < header.length) {
      int iei = header[i] & 0xFF;
      int length = header[i + 1] & 0xFF;
      int data = i + 2;
      if (data + length > header.length) {
        break;
      }
      if (iei == IEI_CONCAT_8BIT_REF && length == 3) {
        concat = concat.or(() -> valid(header[data] & 0xFF, 8, header[data + 1] & 0xFF, header[data + 2] & 0xFF));
      } else if (iei == IEI_CONCAT_16BIT_REF && length == 4) {
        int reference = ((header[data] & 0xFF) << 8) | (header[data + 1] & 0xFF);
        concat = concat.or(() -> valid(reference, 16, header[data + 2] & 0xFF, header[data + 3] & 0xFF));
      } else if (iei == IEI_SINGLE_SHIFT && length == 1) {
        single = header[data] & 0xFF;
      } else if (iei == IEI_LOCKING_SHIFT && length == 1) {
        locking = header[data] & 0xFF;
      }
      i = data + length;
    }
    return new UserDataHeader(concat, locking, single);
  }

  /** A concatenation when {@code 1 <= number <= total}. */
  public static Optional<Concatenation> valid(int reference, int referenceBits, int total, int number) {
    return total >= 1 && number >= 1 && number <= total
        ? Optional.of(new Concatenation(reference, referenceBits, total, number)) : Optional.empty();
  }
}
