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
   * 4-8 digits or 3+3, after an optional brand prefix: the specification of {@link #digitCode}, which finds exactly
   * what this finds with {@code lookingAt} and transparent bounds (a test compares them on random text), without the
   * regex engine's cost (this runs for every SMS).
   */
  static final Pattern DIGIT_CODE = Pattern.compile(
      "(?=[A-Z\\d])(?<![\\p{IsLatin}\\p{IsCyrillic}\\d_+*/.])(?<!\\d[,:\\-])"
          + "(?:[A-Z]{1,3}-)?(\\d{3}[- ]\\d{3}|\\d{4,8})"
          + "(?![\\p{IsLatin}\\p{IsCyrillic}\\d_]|[.,:/\\-]\\d)");

  /**
   * A stand-alone token of 4-8 upper-case letters and digits ({@link #interleaved} decides): the specification of
   * {@link #alnumCode}, as {@link #DIGIT_CODE} is of {@link #digitCode}.
   */
  static final Pattern ALNUM_CODE = Pattern.compile(
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
    for (Tokens m = new Tokens(masked); m.next(OtpExtractor::digitCode); ) {
      String digits = masked.substring(m.groupStart, m.end).replace("-", "").replace(" ", "");
      boolean year = looksLikeYear(digits);
      if (year && keywords.isEmpty()) {
        continue;
      }
      best = better(best, new Candidate(digits, year, distance(m, keywords)));
    }
    if (!keywords.isEmpty()) {
      for (Tokens m = new Tokens(masked); m.next(OtpExtractor::alnumCode); ) {
        String token = masked.substring(m.start, m.end);
        if (interleaved(token)) {
          best = better(best, new Candidate(token, false, distance(m, keywords)));
        }
      }
    }
    return Optional.ofNullable(best).map(Candidate::code);
  }

  private record Candidate(String code, boolean year, int distance) {
  }

  /** Where a code matched at a given start: the end of its match, and where its code group starts; or no match. */
  @FunctionalInterface
  interface CodeMatcher {
    /** Sets {@code t.end} and {@code t.groupStart} and answers true when a code starts at {@code at}. */
    boolean matchAt(String text, int at, Tokens t);
  }

  /**
   * The matches of {@link #digitCode} or {@link #alnumCode} in order, as {@code find()} would give them; both can
   * only start at an upper-case ASCII letter or a digit that does not follow an ASCII letter or digit, so they are
   * tried only there. Their look-behinds still see the whole text.
   */
  static final class Tokens {
    private final String text;
    private int from;
    int start;
    int end;
    int groupStart;

    Tokens(String text) {
      this.text = text;
    }

    boolean next(CodeMatcher code) {
      for (int i = from; i < text.length(); i++) {
        char c = text.charAt(i);
        if (!((c >= 'A' && c <= 'Z') || isDigit(c)) || (i > 0 && isAsciiLetterOrDigit(text.charAt(i - 1)))) {
          continue;
        }
        if (code.matchAt(text, i, this)) {
          start = i;
          from = end;
          return true;
        }
      }
      from = text.length();
      return false;
    }
  }

  /** {@link #DIGIT_CODE} at {@code at}: an optional brand prefix ("G-"), then 3+3 digits or a run of 4-8. */
  static boolean digitCode(String s, int at, Tokens t) {
    if (at > 0) {
      int before = s.charAt(at - 1); // as the pattern's look-behind: one char, half a surrogate pair at most
      if (isLatinOrCyrillic(before) || isDigit(before) || "_+*/.".indexOf(before) >= 0
          || (at > 1 && ",:-".indexOf(before) >= 0 && isDigit(s.charAt(at - 2)))) {
        return false;
      }
    }
    int p = at;
    if (isUpper(s, p)) {
      int letters = 0;
      while (isUpper(s, p + letters)) {
        letters++;
      }
      if (letters > 3 || p + letters >= s.length() || s.charAt(p + letters) != '-') {
        return false;
      }
      p += letters + 1;
    }
    // 3+3 first, as the pattern's alternation tries it first
    if (digitAt(s, p) && digitAt(s, p + 1) && digitAt(s, p + 2) && p + 3 < s.length()
        && (s.charAt(p + 3) == '-' || s.charAt(p + 3) == ' ')
        && digitAt(s, p + 4) && digitAt(s, p + 5) && digitAt(s, p + 6) && digitCodeMayEnd(s, p + 7)) {
      t.groupStart = p;
      t.end = p + 7;
      return true;
    }
    int run = 0;
    while (digitAt(s, p + run)) {
      run++;
    }
    if (run < 4 || run > 8 || !digitCodeMayEnd(s, p + run)) {
      return false;
    }
    t.groupStart = p;
    t.end = p + run;
    return true;
  }

  /** The look-ahead of {@link #DIGIT_CODE} at {@code at}. */
  private static boolean digitCodeMayEnd(String s, int at) {
    if (at >= s.length()) {
      return true;
    }
    int next = s.codePointAt(at);
    return !(isLatinOrCyrillic(next) || isDigit(next) || next == '_'
        || (".,:/-".indexOf(next) >= 0 && digitAt(s, at + 1)));
  }

  /** {@link #ALNUM_CODE} at {@code at}: a run of 4-8 upper-case ASCII letters and digits, standing alone. */
  static boolean alnumCode(String s, int at, Tokens t) {
    if (at > 0) {
      int before = s.charAt(at - 1); // as the pattern's look-behind: one char, half a surrogate pair at most
      if (isLetterOrNumber(before) || "_-/.@#&=?*".indexOf(before) >= 0) {
        return false;
      }
    }
    int run = 0;
    while (at + run < s.length() && (isUpper(s, at + run) || isDigit(s.charAt(at + run)))) {
      run++;
    }
    int q = at + run;
    if (run < 4 || run > 8) {
      return false;
    }
    if (q < s.length()) {
      int next = s.codePointAt(q);
      if (isLetterOrNumber(next) || "_-/@".indexOf(next) >= 0
          || (".,:".indexOf(next) >= 0 && q + 1 < s.length() && isLetterOrNumber(s.codePointAt(q + 1)))) {
        return false;
      }
    }
    t.groupStart = at;
    t.end = q;
    return true;
  }

  private static boolean isUpper(String s, int i) {
    return i < s.length() && s.charAt(i) >= 'A' && s.charAt(i) <= 'Z';
  }

  private static boolean digitAt(String s, int i) {
    return i < s.length() && isDigit(s.charAt(i));
  }

  /** {@code \d}: an ASCII digit. */
  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** {@code \p{IsLatin}} or {@code \p{IsCyrillic}}. */
  private static boolean isLatinOrCyrillic(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.LATIN || script == Character.UnicodeScript.CYRILLIC;
  }

  /** {@code \p{L}} or {@code \p{N}}. */
  private static boolean isLetterOrNumber(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || isDigit(cp);
    }
    if (Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
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
      min = Math.min(min, Math.min(Math.abs(m.start - kw[1]), Math.abs(kw[0] - m.end)));
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
      // as PHONE.matcher(text).find() would, but tried only where a phone number can start
      Matcher m = PHONE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c != '+' && c != '(' && (c < '0' || c > '9')) {
          continue;
        }
        m.region(i, text.length());
        if (m.lookingAt()) {
          if (isPhoneNumber(m.group())) {
            Arrays.fill(out, m.start(), m.end(), ' ');
          }
          i = Math.max(i, m.end() - 1);
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
