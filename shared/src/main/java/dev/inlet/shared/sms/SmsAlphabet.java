package dev.inlet.shared.sms;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The alphabets an SMS's user data can be in, and how each turns bytes into text.
 *
 * <p>{@link #of} reads an SMPP data_coding: 0x00-0x0F are SMPP's own values (0 is "the SMSC default alphabet",
 * which the caller names), above them the GSM 03.38 coding groups apply: general data coding (0x10-0x3F) and
 * automatic deletion (0x40-0x7F) by their alphabet bits unless compressed, message waiting (0xC0-0xEF), and data
 * coding/message class (0xF0-0xFF). {@link #ofTpDcs} reads a TP-DCS of 23.038 the same way without SMPP's values.
 */
public enum SmsAlphabet {
  /** GSM 03.38 default alphabet (with extension and national shift tables), one septet per octet when unpacked. */
  GSM7,
  /** IA5 (ASCII): bytes above 0x7F are not valid. */
  IA5,
  /** ISO-8859-1. */
  LATIN1,
  /** ISO-8859-5. */
  CYRILLIC,
  /** ISO-8859-8. */
  HEBREW,
  /** UCS-2, read as UTF-16BE so surrogate pairs (emoji) survive when the whole message is decoded at once. */
  UCS2,
  /** 8-bit data: kept as bytes, shown as hex and marked binary, never as text. */
  BINARY;

  private static final Charset ISO_8859_5 = Charset.forName("ISO-8859-5");
  private static final Charset ISO_8859_8 = Charset.forName("ISO-8859-8");

  /**
   * The alphabet an SMPP data_coding names, or empty when Inlet cannot decode it (compressed, reserved, JIS, ...).
   *
   * @param smscDefault what data_coding 0 (the SMSC default alphabet) means on this bind
   */
  public static Optional<SmsAlphabet> of(byte dataCoding, SmsAlphabet smscDefault) {
    int dcs = dataCoding & 0xFF;
    return switch (dcs) {
      case 0x00 -> Optional.of(smscDefault);
      case 0x01 -> Optional.of(IA5);
      case 0x02, 0x04 -> Optional.of(BINARY);
      case 0x03 -> Optional.of(LATIN1);
      case 0x06 -> Optional.of(CYRILLIC);
      case 0x07 -> Optional.of(HEBREW);
      case 0x08 -> Optional.of(UCS2);
      default -> dcs <= 0x0F ? Optional.empty() : ofTpDcs(dataCoding);
    };
  }

  /** The alphabet a TP-DCS (23.038 clause 4) names, or empty when compressed or reserved. */
  public static Optional<SmsAlphabet> ofTpDcs(byte tpDcs) {
    int dcs = tpDcs & 0xFF;
    if (dcs <= 0x7F) {
      boolean compressed = (dcs & 0x20) != 0;
      return compressed ? Optional.empty() : byAlphabetBits((dcs >> 2) & 0x03);
    }
    if (dcs >= 0xC0 && dcs <= 0xDF) {
      return Optional.of(GSM7);
    }
    if (dcs >= 0xE0 && dcs <= 0xEF) {
      return Optional.of(UCS2);
    }
    if (dcs >= 0xF0) {
      return Optional.of((dcs & 0x04) == 0 ? GSM7 : BINARY);
    }
    return Optional.empty(); // 0x80-0xBF: reserved coding groups
  }

  private static Optional<SmsAlphabet> byAlphabetBits(int bits) {
    return switch (bits) {
      case 0 -> Optional.of(GSM7);
      case 1 -> Optional.of(BINARY);
      case 2 -> Optional.of(UCS2);
      default -> Optional.empty();
    };
  }

  /**
   * What a configuration names as the SMSC default alphabet: {@code gsm} (GSM 03.38), {@code latin1}
   * (ISO-8859-1) or {@code ascii} (IA5).
   */
  public static SmsAlphabet smscDefault(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "gsm", "gsm7", "gsm0338" -> GSM7;
      case "latin1", "iso-8859-1" -> LATIN1;
      case "ascii", "ia5" -> IA5;
      default -> throw new IllegalArgumentException(
          "the SMSC default alphabet must be gsm, latin1 or ascii, not " + name);
    };
  }

  /** Text of unpacked user data with the default GSM tables; see {@link #decode(byte[], int, int)}. */
  public String decode(byte[] userData) throws CharacterCodingException {
    return decode(userData, Gsm7.DEFAULT_LANGUAGE, Gsm7.DEFAULT_LANGUAGE);
  }

  /**
   * The text of some user data (without UDH) in this alphabet; binary data gives its {@link SmsText#binary} form.
   * UCS-2 with a lone surrogate (half of a pair whose other half never came) shows U+FFFD there.
   *
   * @param lockingShift national language locking shift table for GSM7 (0: default)
   * @param singleShift  national language single shift table for GSM7 (0: default extension table)
   * @throws CharacterCodingException when the bytes are not valid in this alphabet (a GSM septet with bit 7
   *                                  set, an IA5 byte above 0x7F, UCS-2 of odd length)
   */
  public String decode(byte[] userData, int lockingShift, int singleShift) throws CharacterCodingException {
    return switch (this) {
      case GSM7 -> {
        for (byte b : userData) {
          if ((b & 0x80) != 0) {
            throw new CharacterCodingException(); // an unpacked septet never has bit 7
          }
        }
        yield Gsm7.decode(userData, lockingShift, singleShift);
      }
      case IA5 -> strict(StandardCharsets.US_ASCII, userData);
      case LATIN1 -> new String(userData, StandardCharsets.ISO_8859_1);
      case CYRILLIC -> new String(userData, ISO_8859_5);
      case HEBREW -> new String(userData, ISO_8859_8);
      case UCS2 -> {
        if (userData.length % 2 != 0) {
          throw new CharacterCodingException();
        }
        yield new String(userData, StandardCharsets.UTF_16BE);
      }
      case BINARY -> SmsText.binary(userData);
    };
  }

  /** Lower-case hex of some bytes. */
  public static String hex(byte[] data) {
    return HexFormat.of().formatHex(data);
  }

  private static String strict(Charset charset, byte[] data) throws CharacterCodingException {
    return charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(data))
        .toString();
  }
}
