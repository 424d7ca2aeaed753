package dev.inlet.modem.at;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing of the AT side: whatever bytes a modem sends, the splitter and the conversation never throw, never
 * hold more than one line's worth, and every command still ends (answered, failed or timed out).
 */
class AtParserFuzzTest {

  @Property(tries = 500)
  void anyBytesEndEveryCommand(@ForAll("modemOutput") List<byte[]> chunks) {
    AtLineSplitter splitter = new AtLineSplitter();
    AtomicLong now = new AtomicLong();
    List<Urc> urcs = new ArrayList<>();
    AtChannel channel = new AtChannel(line -> { }, urcs::add, now::get);
    List<Future<AtResponse>> commands = new ArrayList<>();
    for (String c : List.of("AT", "AT+CMGL=4", "AT+CMGR=1", "AT+CREG?", "AT+CMGD=1")) {
      commands.add(channel.send(c, 100));
    }

    for (byte[] chunk : chunks) {
      for (String line : splitter.feed(chunk, chunk.length)) {
        assertThat(line.length()).isLessThanOrEqualTo(AtLineSplitter.MAX_LINE);
        channel.onLine(line);
      }
      now.addAndGet(30);
      channel.expire();
    }
    for (int i = 0; i < 2 * commands.size(); i++) {
      now.addAndGet(100); // each command's timeout, then the quiet wait after it
      channel.expire();
    }

    assertThat(commands).allMatch(Future::isComplete);
    assertThat(splitter.partial().length()).isLessThanOrEqualTo(AtLineSplitter.MAX_LINE);
    urcs.forEach(u -> {
      u.storedIndex();
      u.storage();
    });
  }

  @Provide
  Arbitrary<List<byte[]>> modemOutput() {
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    Arbitrary<byte[]> lines = Arbitraries.of("OK", "ERROR", "+CMS ERROR: 321", "+CME ERROR: x", "+CMTI: \"SM\",",
            "+CMTI: \"SM\",7", "+CMTI:", "+CMGL: 1,0,,23", "+CMGL: ,", "0791", "+CDS: 2", "+CMT: ", "RING", "AT+CMGR=1",
            "+CREG: 0,1", "+CMGR: 0,,0", "> ", "\r", "\n", "\r\n")
        .map(s -> (s + (s.endsWith("\n") || s.endsWith("\r") ? "" : "\r\n")).getBytes());
    return Arbitraries.oneOf(noise, lines).list().ofMaxSize(40);
  }

  @Property(tries = 300)
  void listingsOfAnyLinesNeverThrow(@ForAll @Size(max = 12) List<@net.jqwik.api.constraints.StringLength(max = 40) String> lines) {
    AtResponse response = new AtResponse("AT+CMGL=4", lines);
    List<String> problems = new ArrayList<>();
    List<StoredPdu> listed = StoredPdu.listing(response, problems);
    assertThat(listed.size()).isLessThanOrEqualTo(lines.size() / 2);
    try {
      StoredPdu.read(1, response);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
