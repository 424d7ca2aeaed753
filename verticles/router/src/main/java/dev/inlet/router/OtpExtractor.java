package dev.inlet.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the one-time code in an SMS text: "Your code is 837261", "G-123456 is your Google verification
 * code", "Código: 123-456", "1234 is your PIN". Prefers the candidate nearest to a code keyword; digits
 * that are part of a phone number, an amount, a date or a time are not codes.
 */
public final class OtpExtractor {

  private static final Pattern CANDIDATE = Pattern.compile(
      "(?<![\\d+\\-.,:/])(?:[A-Z]{1,3}-)?(\\d{3}[- ]\\d{3}|\\d{4,8})(?![\\d]|[.,:/]\\d)");
  private static final Pattern KEYWORD = Pattern.compile(
      "code|otp|pin|passcode|password|verif|token|confirm|c[oó]digo|kod|код|验证码|認証",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private OtpExtractor() {
  }

  public static Optional<String> extract(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    List<int[]> keywords = new ArrayList<>();
    Matcher k = KEYWORD.matcher(text.toLowerCase(Locale.ROOT));
    while (k.find()) {
      keywords.add(new int[] {k.start(), k.end()});
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    Matcher m = CANDIDATE.matcher(text);
    while (m.find()) {
      String digits = m.group(1).replaceAll("[- ]", "");
      if (looksLikeYear(digits) && keywords.isEmpty()) {
        continue;
      }
      int distance = keywords.isEmpty() ? 0 : keywords.stream()
          .mapToInt(kw -> Math.min(Math.abs(m.start() - kw[1]), Math.abs(kw[0] - m.end())))
          .min().orElse(Integer.MAX_VALUE);
      if (distance < bestDistance) {
        best = digits;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean looksLikeYear(String digits) {
    return digits.length() == 4 && (digits.startsWith("19") || digits.startsWith("20"));
  }
}
