package dev.inlet.modem.at;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AtChannelTest {

  private final List<String> written = new ArrayList<>();
  private final List<Urc> urcs = new ArrayList<>();
  private final AtomicLong now = new AtomicLong(1000);
  private final AtChannel channel = new AtChannel(written::add, urcs::add, now::get);

  private void feed(String raw) {
    AtLineSplitter splitter = new AtLineSplitter();
    byte[] b = raw.getBytes(StandardCharsets.ISO_8859_1);
    splitter.feed(b, b.length).forEach(channel::onLine);
  }

  @Test
  @DisplayName("One command at a time: the next is written only after the previous one's final result")
  void oneAtATime() {
    Future<AtResponse> first = channel.send("AT+CSQ", 1000);
    Future<AtResponse> second = channel.send("AT+CREG?", 1000);
    assertThat(written).containsExactly("AT+CSQ");

    channel.onLine("+CSQ: 17,99");
    channel.onLine("OK");

    assertThat(first.result().value("+CSQ:")).isEqualTo("17,99");
    assertThat(written).containsExactly("AT+CSQ", "AT+CREG?");
    assertThat(second.isComplete()).isFalse();
  }

  @Test
  @DisplayName("A +CMTI in the middle of a listing is a URC, not a line of the listing")
  void urcInterleaved() {
    Future<AtResponse> list = channel.send("AT+CMGL=4", 1000);

    feed("\r\n+CMGL: 1,0,,23\r\n+CMTI: \"SM\",2\r\n0791\r\nOK\r\n");

    assertThat(list.result().lines()).containsExactly("+CMGL: 1,0,,23", "0791");
    assertThat(urcs).extracting(Urc::storedIndex).containsExactly(2);
    assertThat(urcs.get(0).storage()).isEqualTo("SM");
  }

  @Test
  @DisplayName("+CREG: answers AT+CREG? but is a URC at any other time")
  void cregDependsOnCommand() {
    Future<AtResponse> creg = channel.send("AT+CREG?", 1000);
    channel.onLine("+CREG: 0,1");
    channel.onLine("OK");
    channel.onLine("+CREG: 5");

    assertThat(creg.result().lines()).containsExactly("+CREG: 0,1");
    assertThat(urcs).extracting(Urc::line).containsExactly("+CREG: 5");
  }

  @Test
  @DisplayName("ERROR, +CMS ERROR and +CME ERROR fail the command with their code")
  void errors() {
    Future<AtResponse> plain = channel.send("AT+CNMI=2,1,0,2,0", 1000);
    Future<AtResponse> cms = channel.send("AT+CMGR=3", 1000);
    Future<AtResponse> cme = channel.send("AT+CCID", 1000);

    channel.onLine("ERROR");
    channel.onLine("+CMS ERROR: 321");
    channel.onLine("+CME ERROR: 10");

    assertThat(((AtException) plain.cause()).kind()).isEqualTo(AtException.Kind.ERROR);
    assertThat(((AtException) cms.cause()).is(AtException.Kind.CMS, 321)).isTrue();
    assertThat(((AtException) cme.cause()).is(AtException.Kind.CME, 10)).isTrue();
    assertThat(cms.cause()).hasMessageContaining("AT+CMGR=3").hasMessageContaining("321");
  }

  @Test
  @DisplayName("Echoed commands are dropped, whatever ATE0 said")
  void echo() {
    Future<AtResponse> csq = channel.send("AT+CSQ", 1000);

    feed("AT+CSQ\r\r\n+CSQ: 20,99\r\n\r\nOK\r\n");

    assertThat(csq.result().lines()).containsExactly("+CSQ: 20,99");
  }

  @Test
  @DisplayName("A command without a final result fails with TIMEOUT at its deadline; its late answer is not taken for the next one's")
  void timeout() {
    Future<AtResponse> hung = channel.send("AT+CMGR=1", 500);
    Future<AtResponse> next = channel.send("AT+CSQ", 500);

    now.addAndGet(499);
    channel.expire();
    assertThat(hung.isComplete()).isFalse();
    now.addAndGet(1);
    channel.expire();

    assertThat(((AtException) hung.cause()).kind()).isEqualTo(AtException.Kind.TIMEOUT);
    assertThat(written).containsExactly("AT+CMGR=1");
    channel.onLine("+CMGR: 0,,23"); // the late answer of AT+CMGR=1
    channel.onLine("OK");
    now.addAndGet(AtChannel.DRAIN_AFTER_TIMEOUT_MS - 1);
    channel.expire();
    assertThat(written).containsExactly("AT+CMGR=1");
    now.addAndGet(1);
    channel.expire();
    assertThat(written).containsExactly("AT+CMGR=1", "AT+CSQ");
    channel.onLine("+CSQ: 12,99");
    channel.onLine("OK");
    assertThat(next.result().lines()).containsExactly("+CSQ: 12,99");
    assertThat(channel.timeouts()).isEqualTo(1);
  }

  @Test
  @DisplayName("A drain drops a burst of stale answers until the line is quiet, but still passes URCs on")
  void drain() {
    Future<AtResponse> drained = channel.drain(200);
    Future<AtResponse> ate0 = channel.send("ATE0", 500);

    channel.onLine("OK");
    channel.onLine("+CMTI: \"SM\",4");
    now.addAndGet(150);
    channel.onLine("OK");
    now.addAndGet(150);
    channel.expire();
    assertThat(drained.isComplete()).isFalse();
    now.addAndGet(50);
    channel.expire();

    assertThat(drained.succeeded()).isTrue();
    assertThat(urcs).extracting(Urc::storedIndex).containsExactly(4);
    assertThat(written).containsExactly("ATE0");
    assertThat(ate0.isComplete()).isFalse();
  }

  @Test
  @DisplayName("Closing fails the command in flight and every waiting one")
  void close() {
    Future<AtResponse> a = channel.send("AT", 500);
    Future<AtResponse> b = channel.send("AT+CSQ", 500);

    channel.close();

    assertThat(((AtException) a.cause()).kind()).isEqualTo(AtException.Kind.CLOSED);
    assertThat(((AtException) b.cause()).kind()).isEqualTo(AtException.Kind.CLOSED);
    assertThat(channel.pending()).isZero();
  }

  @Test
  @DisplayName("Lines when no command waits are counted as noise, not taken as answers")
  void noise() {
    channel.onLine("OK");
    channel.onLine("xyzzy");
    Future<AtResponse> at = channel.send("AT", 500);

    assertThat(at.isComplete()).isFalse();
    assertThat(channel.noise()).isEqualTo(2);
  }

  @Test
  @DisplayName("The PDU line after +CMT: or +CDS: belongs to that URC")
  void twoLineUrc() {
    Future<AtResponse> csq = channel.send("AT+CSQ", 500);

    feed("\r\n+CDS: 25\r\n07914400000000F006\r\n+CSQ: 9,99\r\nOK\r\n");

    assertThat(urcs).containsExactly(new Urc("+CDS: 25", "07914400000000F006"));
    assertThat(csq.result().lines()).containsExactly("+CSQ: 9,99");
  }
}
