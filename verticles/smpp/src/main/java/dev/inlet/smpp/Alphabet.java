package dev.inlet.smpp;

import com.cloudhopper.commons.charset.CharsetUtil;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The alphabets a deliver_sm's data_coding can name, and how each turns user data into text.
 *
 * <p>data_coding 0x00-0x0F are SMPP's own values; above them the GSM 03.38 coding groups apply:
 * general data coding (0x10-0x3F) and automatic deletion (0x40-0x7F) by their alphabet bits unless
 * compressed, message waiting (0xC0-0xEF), and data coding/message class (0xF0-0xFF).
 */
public enum Alphabet {
  /** GSM 03.38 default alphabet, one unpacked septet per octet, with the extension table. */
  GSM7,
  /** IA5 (ASCII). */
  IA5,
  /** ISO-8859-1. */
  LATIN1,
  /** ISO-8859-5. */
  CYRILLIC,
  /** ISO-8859-8. */
  HEBREW,
  /** UCS-2, read as UTF-16BE so surrogate pairs (emoji) survive. */
  UCS2,
  /** 8-bit binary data: the text is its hex form. */
  BINARY;

  private static final Charset ISO_8859_5 = Charset.forName("ISO-8859-5");
  private static final Charset ISO_8859_8 = Charset.forName("ISO-8859-8");

  /** The alphabet a data_coding names, or empty when Inlet cannot decode it (compressed, reserved, JIS, ...). */
  public static Optional<Alphabet> of(byte dataCoding) {
    int dcs = dataCoding & 0xFF;
    if (dcs <= 0x0F) {
      return smppSpecific(dcs);
    }
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

  private static Optional<Alphabet> smppSpecific(int dcs) {
    return switch (dcs) {
      case 0x00 -> Optional.of(GSM7);
      case 0x01 -> Optional.of(IA5);
      case 0x02, 0x04 -> Optional.of(BINARY);
      case 0x03 -> Optional.of(LATIN1);
      case 0x06 -> Optional.of(CYRILLIC);
      case 0x07 -> Optional.of(HEBREW);
      case 0x08 -> Optional.of(UCS2);
      default -> Optional.empty();
    };
  }

  private static Optional<Alphabet> byAlphabetBits(int bits) {
    return switch (bits) {
      case 0 -> Optional.of(GSM7);
      case 1 -> Optional.of(BINARY);
      case 2 -> Optional.of(UCS2);
      default -> Optional.empty();
    };
  }

  /**
   * The text of some user data in this alphabet.
   *
   * @throws CharacterCodingException when the bytes are not valid in this alphabet
   */
  public String decode(byte[] userData) throws CharacterCodingException {
    return switch (this) {
      case GSM7 -> decodeGsm(userData);
      case IA5 -> strict(StandardCharsets.US_ASCII, userData);
      case LATIN1 -> new String(userData, StandardCharsets.ISO_8859_1);
      case CYRILLIC -> new String(userData, ISO_8859_5);
      case HEBREW -> new String(userData, ISO_8859_8);
      case UCS2 -> decodeUcs2(userData);
      case BINARY -> HexFormat.of().formatHex(userData);
    };
  }

  private static String decodeGsm(byte[] septets) throws CharacterCodingException {
    for (byte b : septets) {
      if ((b & 0x80) != 0) {
        throw new CharacterCodingException(); // an unpacked septet never has the high bit
      }
    }
    return CharsetUtil.decode(septets, CharsetUtil.CHARSET_GSM);
  }

  private static String decodeUcs2(byte[] data) throws CharacterCodingException {
    if (data.length % 2 != 0) {
      throw new CharacterCodingException();
    }
    // lenient on lone surrogates: a pair may be split between two parts of a concatenated message
    return new String(data, StandardCharsets.UTF_16BE);
  }

  private static String strict(Charset charset, byte[] data) throws CharacterCodingException {
    return charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(data))
        .toString();
  }
}
