package dev.inlet.shared.message;

/**
 * Numbers to add to the pool, as a file's content: CSV ({@code number,country[,capabilities]} with an optional
 * header line; capabilities separated by {@code ;}) or JSON (an array of {@code {"number","country","capabilities"}}).
 *
 * @param format {@code csv} or {@code json}
 */
public record NumberImport(String format, String content) {
}
