package dev.inlet.shared.sms;

import java.util.Arrays;

/**
 * One part of a concatenated message as a source received it: its place in the message and its user data, not yet
 * decoded. Parts are joined before decoding, so that a character split between two parts (a GSM escape and the
 * septet it escapes, the two halves of a UTF-16 surrogate pair) comes out whole.
 *
 * @param reference     the concatenation reference shared by the message's parts (UDH or sar_msg_ref_num)
 * @param referenceBits 8 or 16
 * @param total         how many parts the message has
 * @param number        this part's number, 1..total
 * @param alphabet      the alphabet of the user data
 * @param lockingShift  national language locking shift table for GSM7 (0: default)
 * @param singleShift   national language single shift table for GSM7 (0: default)
 * @param userData      the part's user data without UDH; GSM7 as unpacked septets
 */
public record Segment(int reference, int referenceBits, int total, int number, SmsAlphabet alphabet,
                      int lockingShift, int singleShift, byte[] userData) {

  public Segment {
    if (total < 1 || number < 1 || number > total) {
      throw new IllegalArgumentException("part " + number + " of " + total + " is not a part of a message");
    }
    userData = userData == null ? new byte[0] : userData;
  }

  /**
   * Names the message this part belongs to: the same for every part of one message, whichever bind, node or
   * retry brought it (destination, originator, reference and part count; not the source).
   */
  public String setKey(String to, String from) {
    return to + "|" + from + "|" + referenceBits + ":" + reference + "/" + total;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Segment s && reference == s.reference && referenceBits == s.referenceBits
        && total == s.total && number == s.number && alphabet == s.alphabet && lockingShift == s.lockingShift
        && singleShift == s.singleShift && Arrays.equals(userData, s.userData);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * reference + number) + Arrays.hashCode(userData);
  }

  @Override
  public String toString() {
    return "Segment[" + number + "/" + total + " ref " + reference + " (" + referenceBits + "-bit), " + alphabet
        + ", " + userData.length + " bytes]";
  }
}
