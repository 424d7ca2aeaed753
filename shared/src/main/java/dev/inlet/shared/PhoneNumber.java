package dev.inlet.shared;

import java.util.Optional;
import java.util.regex.Pattern;

/** E.164 phone numbers: {@code +} followed by 2 to 15 digits, the first not zero. */
public final class PhoneNumber {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-]");

  private PhoneNumber() {
  }

  /** Whether {@code s} is {@code +} and 2 to 15 ASCII digits, the first not zero (checked for every message). */
  public static boolean isE164(String s) {
    if (s == null || s.length() < 3 || s.length() > 16 || s.charAt(0) != '+' || s.charAt(1) == '0') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  public static String requireE164(String s) {
    if (!isE164(s)) {
      throw new IllegalArgumentException("not an E.164 number: " + s);
    }
    return s;
  }

  /**
   * Reads a number written in international form, with or without the {@code +}, with an
   * {@code 00} international prefix, or with spaces, dots, dashes and brackets; for example
   * an SMPP destination_addr with TON international ({@code 12125551234}).
   */
  public static Optional<String> parseInternational(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String s = SEPARATORS.matcher(raw.trim()).replaceAll("");
    if (s.startsWith("00")) {
      s = "+" + s.substring(2);
    } else if (!s.startsWith("+")) {
      s = "+" + s;
    }
    return isE164(s) ? Optional.of(s) : Optional.empty();
  }
}
