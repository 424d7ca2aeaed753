package dev.inlet.router;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the one-time code in an SMS text: "Your code is 837261", "G-482913 is your Google verification
 * code", "Código: 123-456", "1234 is your PIN", "验证码是482913", "Your code: AB12CD".
 *
 * <p>The rules, in order:
 * <ol>
 *   <li>Numbers that are something else are blanked out first: links, phone numbers, amounts of money and
 *       order, tracking, account or flight numbers ({@code Order #4412345}).</li>
 *   <li>A code is 4 to 8 digits, or two groups of three ({@code 123-456}, {@code 123 456}), optionally
 *       after a brand prefix ({@code G-}); the code is the digits alone. Digits glued to Latin or Cyrillic
 *       letters, or that continue a number ({@code 12.50}, {@code 10:30}, {@code 2026-11-29}), are not
 *       codes. CJK text may touch the code ({@code 验证码是482913}).</li>
 *   <li>When a code word (code, PIN, OTP, código, kod, код, 验证码, ...) is present, the candidate nearest to
 *       it wins, a year-like number (19xx, 20xx) only when there is nothing else; alphanumeric codes
 *       ({@code K7P9QX}) count too. They are 4 to 8 upper-case letters and digits that alternate at least
 *       twice, so that "SAVE20", "TK1987", "10AM" or "XX1234" are not taken for codes.</li>
 *   <li>Without a code word, the first number that is not a year is taken ("Use 40213 to sign in").</li>
 * </ol>
 * Patterns are precompiled, and repeated groups are bounded (no catastrophic backtracking, no deep recursion
 * in java.util.regex): the extractor runs for every SMS.
 */
public final class OtpExtractor {

  /** Words that announce a code anywhere, also inside compounds: Bestätigungscode, engångskod, 验证码. */
  private static final List<String> CODE_WORDS = List.of("code", "código", "codigo", "codice", "kod", "код",
      "验证码", "驗證碼", "校验码", "动态码", "密码", "認証", "コード", "パスワード", "暗証番号", "인증", "코드",
      "رمز", "كود", "कोड", "ओटीपी", "पिन", "सत्यापन", "รหัส", "קוד", "κωδικ");
  /** Word beginnings: "verif" for verify, verificación, verifikasi; "şifre" for şifreniz. */
  private static final List<String> CODE_WORD_STEMS = List.of("password", "passwort", "kennwort", "parol",
      "пароль", "senha", "contrase", "clave", "mot de passe", "hasł", "haslo", "şifre", "sifre", "verif", "vérif",
      "weryfik", "doğrula", "подтвержд", "token", "sandi");
  /** Whole words only, so that "shipping" has no PIN and "instant" no TAN. */
  private static final List<String> SHORT_CODE_WORDS = List.of("otp", "pin", "пин", "tan", "mtan", "pushtan",
      "smstan", "mã");

  /**
   * 4-8 digits or 3+3, after an optional brand prefix. Each pattern's leading (?=...) is a cheap first-character
   * test, so the look-behinds run only where it passes.
   */
  private static final Pattern DIGIT_CODE = Pattern.compile(
      "(?=[A-Z\\d])(?<![\\p{IsLatin}\\p{IsCyrillic}\\d_+*/.])(?<!\\d[,:\\-])"
          + "(?:[A-Z]{1,3}-)?(\\d{3}[- ]\\d{3}|\\d{4,8})"
          + "(?![\\p{IsLatin}\\p{IsCyrillic}\\d_]|[.,:/\\-]\\d)");

  /** A stand-alone token of 4-8 upper-case letters and digits; {@link #interleaved} decides. */
  private static final Pattern ALNUM_CODE = Pattern.compile(
      "(?=[A-Z\\d])(?<![\\p{L}\\p{N}_\\-/.@#&=?*])[A-Z0-9]{4,8}(?![\\p{L}\\p{N}_\\-/@]|[.,:][\\p{L}\\p{N}])");

  /** Matched in the lower-cased text. */
  private static final Pattern URL = Pattern.compile(
      "(?:https?://|www\\.)\\S+|(?<![\\p{L}\\p{N}\\-.@/])[a-z0-9-]+(?:\\.[a-z0-9-]+){0,4}\\.[a-z]{2,}/\\S*");

  /** Digit groups with separators; only masked when {@link #isPhoneNumber} agrees. */
  private static final Pattern PHONE = Pattern.compile(
      "(?<![\\p{L}\\d])\\+?\\(?\\d+\\)?(?:[ .\\-]\\(?\\d+\\)?){1,6}");

  private static final List<String> CURRENCY_CODES = List.of("USD", "EUR", "GBP", "RUB", "TRY", "BRL", "PLN", "MXN",
      "IDR", "INR", "CNY", "RMB", "JPY", "AED", "SAR", "CHF");
  /** Currency words before an amount (besides currency symbols, \p{Sc}); "R$" and "US$" contain one. */
  private static final List<String> CURRENCY_BEFORE_WORDS = List.of("Rp", "Rs");
  /** Currency words after an amount (besides currency symbols). */
  private static final List<String> CURRENCY_AFTER_WORDS = List.of("руб", "р.", "zł", "kr", "TL", "元", "円", "ريال",
      "درهم");
  private static final String CURRENCY_CODE = String.join("|", CURRENCY_CODES);
  private static final String CURRENCY_BEFORE = "\\p{Sc}|R\\$|US\\$|Rp\\.?|Rs\\.?|" + CURRENCY_CODE;
  private static final String CURRENCY_AFTER = "\\p{Sc}|руб\\.?|р\\.|zł|kr|TL|元|円|ريال|درهم|" + CURRENCY_CODE;
  private static final String NUMBER =
      "\\d{1,3}(?:[ \\u00A0\\u202F]\\d{3}){1,4}(?:[.,]\\d{1,2})?|\\d[\\d.,]*\\d|\\d";

  /** "$12.50", "R$ 1.500,00", "Rp 150.000", "1,234.00 EUR", "500 руб.", "3000円". */
  private static final Pattern AMOUNT = Pattern.compile(
      "(?=[\\p{Sc}A-Z\\d])(?:(?<![\\p{L}\\d])(?:" + CURRENCY_BEFORE + ")\\s?(?:" + NUMBER + ")"
          + "|(?<![\\d.,])(?:" + NUMBER + ")\\s?(?:" + CURRENCY_AFTER + ")(?!\\p{L}))");

  /** Labels of reference numbers, lower case: "Order #", "Pedido nº", "заказ №", "ending in". */
  private static final List<String> REFERENCE_LABELS = List.of("order", "tracking", "parcel", "shipment", "invoice",
      "ref", "booking", "ticket", "account", "acct", "a/c", "ending in", "flight", "pedido", "encomenda", "commande",
      "bestellung", "sendung", "ordine", "spedizione", "заказ", "посылк", "sipariş", "takip", "zamówieni", "przesyłk",
      "订单号", "订单", "注文番号");

  /** A label such as "Order #", "Pedido nº", "заказ №", "ending in", then what it labels; lower-cased text. */
  private static final Pattern REFERENCE = Pattern.compile(
      "(?<!\\p{L})(?:" + String.join("|", REFERENCE_LABELS) + ")"
          + "[\\p{IsLatin}\\p{IsCyrillic}]*[\\s:#№.]*(?:(?:no|nr|n[º°o]|num\\p{L}*)\\.?[\\s:#№]*)?"
          + "[a-z0-9-]*\\d[a-z0-9-]*");

  /** The fewest digits a masked phone number has ({@link #isPhoneNumber}). */
  private static final int PHONE_MIN_DIGITS = 7;

  private OtpExtractor() {
  }

  public static Optional<String> extract(String text) {
    int digitCount = text == null ? 0 : digits(text);
    if (digitCount == 0) {
      return Optional.empty();
    }
    String masked = maskNonCodes(text, digitCount);
    List<int[]> keywords = codeWords(lowerCase(masked));
    Candidate best = null;
    for (Tokens m = new Tokens(DIGIT_CODE, masked); m.next(); ) {
      String digits = m.group(1).replace("-", "").replace(" ", "");
      boolean year = looksLikeYear(digits);
      if (year && keywords.isEmpty()) {
        continue;
      }
      best = better(best, new Candidate(digits, year, distance(m, keywords)));
    }
    if (!keywords.isEmpty()) {
      for (Tokens m = new Tokens(ALNUM_CODE, masked); m.next(); ) {
        if (interleaved(m.group())) {
          best = better(best, new Candidate(m.group(), false, distance(m, keywords)));
        }
      }
    }
    return Optional.ofNullable(best).map(Candidate::code);
  }

  private record Candidate(String code, boolean year, int distance) {
  }

  /**
   * The matches of {@link #DIGIT_CODE} or {@link #ALNUM_CODE} in order, as {@code find()} gives them; both can only
   * start at an upper-case ASCII letter or a digit that does not follow an ASCII letter or digit, so the pattern is
   * tried only there (the regex engine would try it at every character, and this runs for every SMS). The
   * look-behinds still see the whole text.
   */
  private static final class Tokens {
    private final Matcher matcher;
    private final String text;
    private int from;

    Tokens(Pattern pattern, String text) {
      this.matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      this.text = text;
    }

    boolean next() {
      for (int i = from; i < text.length(); i++) {
        char c = text.charAt(i);
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) || (i > 0 && isAsciiLetterOrDigit(text.charAt(i - 1)))) {
          continue;
        }
        matcher.region(i, text.length());
        if (matcher.lookingAt()) {
          from = matcher.end();
          return true;
        }
      }
      from = text.length();
      return false;
    }

    String group() {
      return matcher.group();
    }

    String group(int n) {
      return matcher.group(n);
    }

    int start() {
      return matcher.start();
    }

    int end() {
      return matcher.end();
    }
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static int digits(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isDigit(text.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  /** Non-years before years, then nearest to a code word; on a tie the earlier one stays. */
  private static Candidate better(Candidate best, Candidate next) {
    if (best == null || (best.year() && !next.year())) {
      return next;
    }
    return next.year() == best.year() && next.distance() < best.distance() ? next : best;
  }

  private static int distance(Tokens m, List<int[]> keywords) {
    int min = keywords.isEmpty() ? 0 : Integer.MAX_VALUE;
    for (int[] kw : keywords) {
      min = Math.min(min, Math.min(Math.abs(m.start() - kw[1]), Math.abs(kw[0] - m.end())));
    }
    return min;
  }

  /** Blanks out links, reference numbers, amounts and phone numbers, keeping every other offset. */
  private static String maskNonCodes(String text, int digits) {
    String lower = lowerCase(text);
    char[] out = text.toCharArray();
    if (lower.indexOf('/') >= 0 || lower.contains("www.")) {
      for (Matcher m = URL.matcher(lower); m.find(); ) {
        Arrays.fill(out, m.start(), m.end(), ' ');
      }
    }
    // each pattern runs only where what it needs is in the text (most texts have no label, amount or phone number):
    // the extractor runs for every SMS, and these patterns are its costliest part
    if (containsAny(lower, REFERENCE_LABELS)) {
      for (Matcher m = REFERENCE.matcher(lower); m.find(); ) {
        Arrays.fill(out, m.start(), m.end(), ' ');
      }
    }
    if (mayHaveAmount(text)) {
      for (Matcher m = AMOUNT.matcher(text); m.find(); ) {
        Arrays.fill(out, m.start(), m.end(), ' ');
      }
    }
    if (digits >= PHONE_MIN_DIGITS) {
      for (Matcher m = PHONE.matcher(text); m.find(); ) {
        if (isPhoneNumber(m.group())) {
          Arrays.fill(out, m.start(), m.end(), ' ');
        }
      }
    }
    return new String(out);
  }

  /** Whether {@link #AMOUNT} can match: a currency symbol, code or word is in the text. */
  private static boolean mayHaveAmount(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.getType(text.charAt(i)) == Character.CURRENCY_SYMBOL) {
        return true;
      }
    }
    return containsAny(text, CURRENCY_CODES) || containsAny(text, CURRENCY_BEFORE_WORDS)
        || containsAny(text, CURRENCY_AFTER_WORDS);
  }

  private static boolean containsAny(String text, List<String> words) {
    for (String word : words) {
      if (text.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** Char by char, so that offsets stay those of the original ("İ".toLowerCase() has two chars). */
  private static String lowerCase(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = Character.toLowerCase(chars[i]);
    }
    return new String(chars);
  }

  /** The [start, end) of every code word in the lower-cased text. */
  private static List<int[]> codeWords(String lower) {
    List<int[]> found = new ArrayList<>();
    addEach(found, lower, CODE_WORDS, false, false);
    addEach(found, lower, CODE_WORD_STEMS, true, false);
    addEach(found, lower, SHORT_CODE_WORDS, true, true);
    return found;
  }

  private static void addEach(List<int[]> found, String lower, List<String> words, boolean wordStart,
                              boolean wordEnd) {
    for (String word : words) {
      for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
        int end = at + word.length();
        if (!(wordStart && isLetter(lower, at - 1)) && !(wordEnd && isLetter(lower, end))) {
          found.add(new int[] {at, end});
        }
      }
    }
  }

  private static boolean isLetter(String s, int index) {
    return index >= 0 && index < s.length() && Character.isLetter(s.charAt(index));
  }

  /** "+1 212 555 0100", "(11) 91234-5678", "0800 123 4567"; not "123-456" or "123 456 10". */
  private static boolean isPhoneNumber(String s) {
    int digits = 0;
    int groups = 0;
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        digits++;
        if (i == 0 || !Character.isDigit(s.charAt(i - 1))) {
          groups++;
        }
      }
    }
    boolean international = s.startsWith("+") || s.startsWith("(");
    return international ? digits >= PHONE_MIN_DIGITS : groups >= 3 && digits >= 9;
  }

  /** Letters and digits alternate at least twice: "AB12CD", "K7P9QX", "X4T9"; not "SAVE20" or "10AM". */
  private static boolean interleaved(String token) {
    int switches = 0;
    for (int i = 1; i < token.length(); i++) {
      if (Character.isDigit(token.charAt(i)) != Character.isDigit(token.charAt(i - 1))) {
        switches++;
      }
    }
    return switches >= 2;
  }

  private static boolean looksLikeYear(String digits) {
    return digits.length() == 4 && (digits.startsWith("19") || digits.startsWith("20"));
  }
}
