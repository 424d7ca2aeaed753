package dev.inlet.modem;

import dev.inlet.modem.pdu.TextDecoding;
import java.nio.charset.StandardCharsets;

/**
 * The text of user data, by the shared SMS text core ({@code dev.inlet.shared.sms}).
 * PLACEHOLDER until the text core lands: UCS-2 only.
 */
final class SharedTextDecoding implements TextDecoding {

  @Override
  public String gsm7(byte[] packed, int fillBits, int septets, int lockingShift, int singleShift) {
    throw new UnsupportedOperationException("GSM 7-bit decoding comes with the shared text core");
  }

  @Override
  public String ucs2(byte[] octets) {
    return new String(octets, StandardCharsets.UTF_16BE);
  }
}
