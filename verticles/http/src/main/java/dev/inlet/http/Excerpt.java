package dev.inlet.http;

/** A short excerpt of client input for an error detail or a log line: at most {@value #MAX} characters, control characters shown as {@code ?}. */
final class Excerpt {

  static final int MAX = 64;

  private Excerpt() {
  }

  static String of(String input) {
    if (input == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(Math.min(input.length(), MAX + 1));
    for (int i = 0; i < input.length() && sb.length() < MAX; i++) {
      char c = input.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return input.length() > MAX ? sb.append('…').toString() : sb.toString();
  }
}
