package dev.inlet.modem.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/**
 * SMS-DELIVER PDUs (with an SMSC address) built per 23.040, for tests and the emulator: what a network would
 * hand a modem. International originators only; UCS-2 or 8-bit user data, optionally a concatenation header.
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

  public static String eightBit(String from, byte[] data, OffsetDateTime scts) {
    return build(from, 0x04, scts, null, data);
  }

  /** An octet-coded (DCS 8-bit or UCS-2) SMS-DELIVER. */
  public static String build(String from, int dcs, OffsetDateTime scts, byte[] udh, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] sca = semiOctets(SMSC.substring(1));
    out.write(sca.length + 1);
    out.write(0x91);
    out.writeBytes(sca);
    out.write(udh == null ? 0x04 : 0x44);
    String digits = from.substring(1);
    out.write(digits.length());
    out.write(0x91);
    out.writeBytes(semiOctets(digits));
    out.write(0x00);
    out.write(dcs);
    out.writeBytes(timestamp(scts));
    int udl = (udh == null ? 0 : udh.length) + payload.length;
    out.write(udl);
    if (udh != null) {
      out.writeBytes(udh);
    }
    out.writeBytes(payload);
    return HexFormat.of().withUpperCase().formatHex(out.toByteArray());
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
