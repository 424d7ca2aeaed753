package dev.inlet.http;

/** A short excerpt of client input for an error detail or a log line: at most {@value #MAX} characters, control characters shown as {@code ?}. */
final class Excerpt {

  static final int MAX = 64;

  private Excerpt() {
  }

  static String of(String input) {
    return of(input, MAX);
  }

  /** An excerpt of at most {@code max} characters. */
  static String of(String input, int max) {
    if (input == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(Math.min(input.length(), max + 1));
    for (int i = 0; i < input.length() && sb.length() < max; i++) {
      char c = input.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return input.length() > max ? sb.append('…').toString() : sb.toString();
  }
}
