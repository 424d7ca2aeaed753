package dev.inlet.modem.at;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AtLineSplitterTest {

  private final AtLineSplitter splitter = new AtLineSplitter();

  private List<String> feed(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return splitter.feed(b, b.length);
  }

  @Test
  @DisplayName("A line cut across reads is joined; CR, LF and CRLF all end lines; empty lines vanish")
  void partialLines() {
    List<String> lines = new ArrayList<>(feed("\r\n+CSQ: 2"));
    assertThat(lines).isEmpty();
    assertThat(splitter.partial()).isEqualTo("+CSQ: 2");
    lines.addAll(feed("1,99\r\n\r\nOK\rRING\n"));

    assertThat(lines).containsExactly("+CSQ: 21,99", "OK", "RING");
  }

  @Test
  @DisplayName("Bytes that are not printable ASCII are dropped and counted")
  void garbage() {
    List<String> lines = feed("\u0000O\u00ffK\u0013\r\n");

    assertThat(lines).containsExactly("OK");
    assertThat(splitter.droppedBytes()).isEqualTo(3);
  }

  @Test
  @DisplayName("A line longer than any response is discarded whole, and the next line is read normally")
  void overlong() {
    List<String> lines = feed("A".repeat(AtLineSplitter.MAX_LINE + 10) + "\r\nOK\r\n");

    assertThat(lines).containsExactly("OK");
    assertThat(splitter.overlongLines()).isEqualTo(1);
  }
}
