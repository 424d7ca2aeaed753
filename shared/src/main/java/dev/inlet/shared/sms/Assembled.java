package dev.inlet.shared.sms;

import java.util.List;

/**
 * A concatenated message put together from the parts that came.
 *
 * @param text    its text; missing parts are marked in place (see {@link SmsText#missing})
 * @param total   how many parts the message has
 * @param missing the numbers of the parts that never came, ascending; empty when the message is whole
 */
public record Assembled(String text, int total, List<Integer> missing) {

  public Assembled {
    missing = List.copyOf(missing);
  }

  public boolean complete() {
    return missing.isEmpty();
  }
}
