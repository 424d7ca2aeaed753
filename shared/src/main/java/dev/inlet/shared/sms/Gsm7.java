package dev.inlet.shared.sms;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 7-bit default alphabet of 3GPP TS 23.038 (6.2.1) with its extension table (6.2.1.1) and the national
 * language locking and single shift tables (annex A), and septet packing (6.1.2.1.1).
 *
 * <p>Septets are "unpacked" when each one sits in its own octet (as SMPP carries data_coding 0), "packed" when
 * eight septets share seven octets (as the air interface and a modem's PDU mode carry them).
 *
 * <p>Decoding follows 6.2.1.1: an escape (0x1B) selects the next septet from the single shift table; a septet
 * that table does not define shows as the locking shift table's character for it; a trailing lone escape shows
 * nothing. A national language identifier without a table of that kind (e.g. Spanish has no locking shift table,
 * or an identifier 23.038 reserves) means the default table, as 23.038 asks a receiver to do.
 */
public final class Gsm7 {

  /** Escape to the single shift (extension) table. */
  public static final int ESCAPE = 0x1B;
  /** The default tables' national language identifier. */
  public static final int DEFAULT_LANGUAGE = 0;

  private Gsm7() {
  }

  /** Text of unpacked septets in the default alphabet with its extension table. */
  public static String decode(byte[] septets) {
    return decode(septets, DEFAULT_LANGUAGE, DEFAULT_LANGUAGE);
  }

  /**
   * Text of unpacked septets with the national language tables a UDH named (0: the default ones).
   * Bit 7 of each octet is ignored.
   *
   * @param lockingShift national language identifier of the locking shift table (UDH IEI 0x25)
   * @param singleShift  national language identifier of the single shift table (UDH IEI 0x24)
   */
  public static String decode(byte[] septets, int lockingShift, int singleShift) {
    String locking = lockingTable(lockingShift);
    String single = singleTable(singleShift);
    StringBuilder out = new StringBuilder(septets.length);
    for (int i = 0; i < septets.length; i++) {
      int septet = septets[i] & 0x7F;
      if (septet == ESCAPE) {
        if (i + 1 == septets.length) {
          break; // a lone escape at the end: nothing to show
        }
        int next = septets[++i] & 0x7F;
        char c = single.charAt(next);
        out.append(c != GsmTables.UNDEFINED ? c : shown(locking.charAt(next)));
      } else {
        out.append(shown(locking.charAt(septet)));
      }
    }
    return out.toString();
  }

  /** Whether every character of {@code text} has a septet in the default alphabet or its extension table. */
  public static boolean canEncode(String text) {
    try {
      encode(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Unpacked septets of {@code text} in the default alphabet and its extension table. */
  public static byte[] encode(String text) {
    return encode(text, DEFAULT_LANGUAGE, DEFAULT_LANGUAGE);
  }

  /**
   * Unpacked septets of {@code text} with the given national language tables: a character of the locking shift
   * table takes one septet, one only in the single shift table takes an escape and a septet.
   *
   * @throws IllegalArgumentException naming the first character neither table has
   */
  public static byte[] encode(String text, int lockingShift, int singleShift) {
    String locking = lockingTable(lockingShift);
    String single = singleTable(singleShift);
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int septet = indexOf(locking, c);
      if (septet >= 0) {
        out.write(septet);
        continue;
      }
      int extended = c == ' ' ? -1 : indexOf(single, c);
      if (extended < 0) {
        throw new IllegalArgumentException(String.format("U+%04X is not in the GSM 7-bit tables %d/%d",
            (int) c, lockingShift, singleShift));
      }
      out.write(ESCAPE);
      out.write(extended);
    }
    return out.toByteArray();
  }

  /**
   * Packs septets eight to seven octets, least significant bit first, after {@code fillBits} zero bits (0-6) that
   * align the first septet on a septet boundary after a UDH.
   */
  public static byte[] pack(byte[] septets, int fillBits) {
    requireFillBits(fillBits);
    int bits = fillBits + septets.length * 7;
    byte[] out = new byte[(bits + 7) / 8];
    int bit = fillBits;
    for (byte s : septets) {
      int v = s & 0x7F;
      int index = bit >> 3;
      int shift = bit & 7;
      out[index] |= (byte) (v << shift);
      if (shift > 1) {
        out[index + 1] |= (byte) (v >> (8 - shift));
      }
      bit += 7;
    }
    return out;
  }

  /**
   * Unpacks {@code septetCount} septets from packed octets, skipping {@code fillBits} leading bits. Asks for no
   * more septets than the octets hold: a count beyond them is cut to what they hold.
   */
  public static byte[] unpack(byte[] packed, int septetCount, int fillBits) {
    requireFillBits(fillBits);
    int available = Math.max(0, (packed.length * 8 - fillBits) / 7);
    int count = Math.max(0, Math.min(septetCount, available));
    byte[] out = new byte[count];
    int bit = fillBits;
    for (int i = 0; i < count; i++) {
      int index = bit >> 3;
      int shift = bit & 7;
      int v = (packed[index] & 0xFF) >> shift;
      if (shift > 1) {
        v |= (packed[index + 1] & 0xFF) << (8 - shift);
      }
      out[i] = (byte) (v & 0x7F);
      bit += 7;
    }
    return out;
  }

  /** Fill bits after a UDH of {@code udhOctets} octets (its length octet included) so user data starts on a septet. */
  public static int fillBits(int udhOctets) {
    return (7 - (udhOctets * 8) % 7) % 7;
  }

  /** Where a table has {@code c}, skipping the escape's place (which tables show as a space), or -1. */
  private static int indexOf(String table, char c) {
    if (c == GsmTables.UNDEFINED) {
      return -1;
    }
    int i = table.indexOf(c);
    return i == ESCAPE ? table.indexOf(c, ESCAPE + 1) : i;
  }

  private static String lockingTable(int language) {
    String t = language >= 0 && language < GsmTables.LOCKING.length ? GsmTables.LOCKING[language] : null;
    return t != null ? t : GsmTables.LOCKING[DEFAULT_LANGUAGE];
  }

  private static String singleTable(int language) {
    String t = language >= 0 && language < GsmTables.SINGLE.length ? GsmTables.SINGLE[language] : null;
    return t != null ? t : GsmTables.SINGLE[DEFAULT_LANGUAGE];
  }

  /** A septet a table leaves empty shows as a space (23.038: a receiver shows a space for an unknown septet). */
  private static char shown(char c) {
    return c == GsmTables.UNDEFINED ? ' ' : c;
  }

  private static void requireFillBits(int fillBits) {
    if (fillBits < 0 || fillBits > 6) {
      throw new IllegalArgumentException("fill bits must be 0-6, not " + fillBits);
    }
  }
}
