package dev.inlet.modem.emulator;

import dev.inlet.shared.sms.Gsm7;
import dev.inlet.shared.sms.UserDataHeader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/**
 * SMS-DELIVER PDUs (with an SMSC address) built per 23.040, for tests and the emulator: what a network would
 * hand a modem: international or alphanumeric originators; GSM 7-bit (packed by the shared text core), UCS-2 or
 * 8-bit user data, optionally with a header.
 */
public final class DeliverPdus {

  public static final String SMSC = "+4917010000";

  private DeliverPdus() {
  }

  public static String ucs2(String from, String text, OffsetDateTime scts) {
    return build(from, 0x08, scts, null, text.getBytes(StandardCharsets.UTF_16BE));
  }

  /** One part of a concatenated UCS-2 message (8-bit reference). */
  public static String ucs2Part(String from, String text, OffsetDateTime scts, int reference, int total, int sequence) {
    byte[] udh = {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) sequence};
    return build(from, 0x08, scts, udh, text.getBytes(StandardCharsets.UTF_16BE));
  }

  /** GSM 7-bit default alphabet (extension table as needed), packed by the shared text core. */
  public static String gsm7(String from, String text, OffsetDateTime scts) {
    return gsm7(from, text, scts, null);
  }

  /**
   * GSM 7-bit with an optional header (its length octet included), the septets after the header's fill bits; the
   * national language tables named in the header, if any, encode the text.
   */
  public static String gsm7(String from, String text, OffsetDateTime scts, byte[] udh) {
    UserDataHeader h = udh == null ? UserDataHeader.NONE
        : UserDataHeader.parse(java.util.Arrays.copyOfRange(udh, 1, udh.length));
    byte[] septets = Gsm7.encode(text, h.lockingShift(), h.singleShift());
    int headerOctets = udh == null ? 0 : udh.length;
    int fill = udh == null ? 0 : Gsm7.fillBits(headerOctets);
    byte[] packed = Gsm7.pack(septets, fill);
    int udl = (headerOctets * 8 + fill) / 7 + septets.length;
    return header(from, 0x00, scts, udh != null) + hex(udl) + hex(udh == null ? new byte[0] : udh) + hex(packed);
  }

  /** The concatenation header of one part (8-bit reference: IEI 00; 16-bit: IEI 08). */
  public static byte[] concat(int reference, boolean sixteenBit, int total, int sequence) {
    return sixteenBit
        ? new byte[] {0x06, 0x08, 0x04, (byte) (reference >> 8), (byte) reference, (byte) total, (byte) sequence}
        : new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) sequence};
  }

  private static String header(String from, int dcs, OffsetDateTime scts, boolean udhi) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] sca = semiOctets(SMSC.substring(1));
    out.write(sca.length + 1);
    out.write(0x91);
    out.writeBytes(sca);
    out.write(udhi ? 0x44 : 0x04);
    writeOriginator(out, from);
    out.write(0x00);
    out.write(dcs);
    out.writeBytes(timestamp(scts));
    return hex(out.toByteArray());
  }

  /** An international number ({@code +...}) or an alphanumeric sender (packed GSM 7-bit, TON 5). */
  private static void writeOriginator(ByteArrayOutputStream out, String from) {
    if (from.startsWith("+")) {
      String digits = from.substring(1);
      out.write(digits.length());
      out.write(0x91);
      out.writeBytes(semiOctets(digits));
    } else {
      byte[] septets = Gsm7.encode(from);
      byte[] packed = Gsm7.pack(septets, 0);
      out.write((septets.length * 7 + 3) / 4);
      out.write(0xD0);
      out.writeBytes(packed);
    }
  }

  private static String hex(int octet) {
    return String.format("%02X", octet);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().withUpperCase().formatHex(b);
  }

  public static String eightBit(String from, byte[] data, OffsetDateTime scts) {
    return build(from, 0x04, scts, null, data);
  }

  /** An octet-coded (DCS 8-bit or UCS-2) SMS-DELIVER. */
  public static String build(String from, int dcs, OffsetDateTime scts, byte[] udh, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int udl = (udh == null ? 0 : udh.length) + payload.length;
    out.write(udl);
    if (udh != null) {
      out.writeBytes(udh);
    }
    out.writeBytes(payload);
    return header(from, dcs, scts, udh != null) + hex(out.toByteArray());
  }

  static byte[] semiOctets(String digits) {
    String d = digits.length() % 2 == 0 ? digits : digits + "F";
    byte[] out = new byte[d.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int lo = Character.digit(d.charAt(2 * i), 16);
      int hi = Character.digit(d.charAt(2 * i + 1), 16);
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  public static byte[] timestamp(OffsetDateTime t) {
    int quarters = t.getOffset().getTotalSeconds() / 900;
    int q = Math.abs(quarters);
    byte tz = (byte) (((q % 10) << 4) | (q / 10) | (quarters < 0 ? 0x08 : 0));
    return new byte[] {swap(t.getYear() % 100), swap(t.getMonthValue()), swap(t.getDayOfMonth()), swap(t.getHour()),
        swap(t.getMinute()), swap(t.getSecond()), tz};
  }

  private static byte swap(int v) {
    return (byte) (((v % 10) << 4) | (v / 10));
  }
}
