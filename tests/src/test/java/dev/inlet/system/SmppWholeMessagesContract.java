package dev.inlet.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.node.InletNode;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.ReceiptList;
import dev.inlet.shared.message.ReceiptQuery;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.sms.Gsm7;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.tlv.Tlv;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Whole messages and exact text, from an SMSC nobody on the team wrote (jSMPP, cloudhopper's server) over TCP, through a production node
 * (SMPP verticle, router, pool, HTTP API, embedded store): every encoding, concatenated messages in order, out of
 * order, repeated, interleaved and incomplete, with UDH, SAR TLVs and message_payload, delivery receipts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SmppWholeMessagesContract {

  private static final String PREFIX = "+49151123456";
  private static final int NUMBERS = 20;
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final AtomicInteger nextNumber = new AtomicInteger();
  private TestSmsc smsc;
  private InletNode node;
  private Vertx clientVertx;
  private LabClient client;

  private final BlockingQueue<StoredSms> stored = new LinkedBlockingQueue<>();
  private MessageConsumer<StoredSms> listener;
  private String number;
  private String sessionId;

  /** The SMSC under test, listening. */
  protected abstract TestSmsc smsc() throws Exception;

  @BeforeAll
  void start() throws Exception {
    int httpPort = Nodes.freePort();
    smsc = smsc();
    int smscPort = smsc.port();
    JsonArray numbers = new JsonArray();
    for (int i = 0; i < NUMBERS; i++) {
      numbers.add(new JsonObject().put("number", PREFIX + String.format("%02d", i)).put("country", "DE"));
    }
    JsonObject overrides = new JsonObject()
        .put("mode", "production")
        .put("storage", new JsonObject().put("kind", "embedded"))
        .put("roles", new JsonArray().add("pool").add("router").add("smpp").add("http"))
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", httpPort)
            .put("apiKeys", new JsonArray().add(Nodes.apiKeyEntry())))
        .put("router", new JsonObject().put("reassembly", new JsonObject().put("timeoutSeconds", 1)
            .put("sweepIntervalMs", 100)))
        .put("smpp", new JsonObject().put("name", "carrier").put("host", "127.0.0.1").put("port", smscPort)
            .put("systemId", TestSmsc.SYSTEM_ID).put("password", TestSmsc.PASSWORD))
        .put("pool", new JsonObject().put("numbers", numbers));
    node = Nodes.start(overrides).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    smsc.awaitBind(Duration.ofSeconds(20));
    clientVertx = Vertx.vertx();
    client = new LabClient(clientVertx, httpPort, Nodes.API_KEY);
  }

  @AfterAll
  void stop() throws Exception {
    client.close();
    clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    smsc.close();
  }

  /** Each test rents a number of its own and hears what is stored in its inbox. */
  @org.junit.jupiter.api.BeforeEach
  void rent() throws Exception {
    number = PREFIX + String.format("%02d", nextNumber.getAndIncrement());
    JsonObject rental = client.rent(new JsonObject().put("number", number)).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    sessionId = rental.getString("session_id");
    listener = node.vertx().eventBus().<StoredSms>consumer(Addresses.numberSms(number), m -> stored.add(m.body()));
    listener.completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopListening() throws Exception {
    listener.unregister().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private String to() {
    return number.substring(1);
  }

  private void deliver(String from, int esmClass, int dataCoding, byte[] message, Tlv... tlvs) throws Exception {
    smsc.deliver(from, to(), esmClass, dataCoding, message, tlvs);
  }

  private static Tlv tlv(short tag, byte... value) {
    return new Tlv(tag, value);
  }

  private static Tlv[] sar(int reference, int total, int number) {
    return new Tlv[] {tlv(SmppConstants.TAG_SAR_MSG_REF_NUM, (byte) (reference >> 8), (byte) reference),
        tlv(SmppConstants.TAG_SAR_TOTAL_SEGMENTS, (byte) total), tlv(SmppConstants.TAG_SAR_SEGMENT_SEQNUM, (byte) number)};
  }

  /** The next message stored in this test's inbox (the router publishes it once stored). */
  private StoredSms nextStored() throws InterruptedException {
    StoredSms sms = stored.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(sms).as("a message stored within " + WAIT).isNotNull();
    return sms;
  }

  /** The inbox as the HTTP API shows it. */
  private JsonArray inbox() throws Exception {
    return client.get("/api/messages?session_id=" + sessionId).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("messages");
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] udh8(int reference, int total, int number) {
    return new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) number};
  }

  private static byte[] udh16(int reference, int total, int number) {
    return new byte[] {0x06, 0x08, 0x04, (byte) (reference >> 8), (byte) reference, (byte) total, (byte) number};
  }

  private static List<byte[]> split(byte[] data, int size) {
    int n = (data.length + size - 1) / size;
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> Arrays.copyOfRange(data, i * size, Math.min(data.length, (i + 1) * size))).toList();
  }

  // ---- encodings ----------------------------------------------------------------------------

  @Test
  @DisplayName("data_coding 0 is GSM 03.38 with its extension table, and an international originator keeps its +")
  void gsmDefault() throws Exception {
    String text = "Code {1234}: [ok] ~ 5€ @ £ ^ | \\ Δ";
    deliver("447700900001", 0, 0x00, Gsm7.encode(text));
    StoredSms sms = nextStored();
    assertThat(sms.text()).isEqualTo(text);
    assertThat(sms.from()).isEqualTo("+447700900001");
    assertThat(inbox().getJsonObject(0).getString("from")).isEqualTo("+447700900001");
  }

  @Test
  @DisplayName("data_coding 1 (IA5) and 3 (Latin-1) are read exactly; alphanumeric senders are kept verbatim")
  void ia5AndLatin1() throws Exception {
    deliver("MyBank", 0, 0x01, "Plain {ascii} ~".getBytes(StandardCharsets.US_ASCII));
    deliver("MyBank", 0, 0x03, "Grüße, café à 10 °C".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(List.of(nextStored(), nextStored())).extracting(StoredSms::text, StoredSms::from)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Plain {ascii} ~", "MyBank"),
            org.assertj.core.groups.Tuple.tuple("Grüße, café à 10 °C", "MyBank"));
  }

  @Test
  @DisplayName("data_coding 8 (UCS-2) keeps Greek, emoji, ZWJ sequences and flags")
  void ucs2() throws Exception {
    String text = "Κωδικός 5521 👨‍👩‍👧 🇩🇪 👍🏽";
    deliver("447700900001", 0, 0x08, text.getBytes(StandardCharsets.UTF_16BE));
    assertThat(nextStored().text()).isEqualTo(text);
  }

  @Test
  @DisplayName("binary data (data_coding 4 and 2) is kept as bytes, shown as hex and marked binary, without a code")
  void binary() throws Exception {
    deliver("447700900001", 0, 0x04, new byte[] {0x31, 0x32, 0x33, 0x34, 0x35, 0x36, (byte) 0xFF});
    deliver("447700900001", 0, 0x02, new byte[] {0x00, 0x01});
    StoredSms first = nextStored();
    assertThat(first.text()).isEqualTo("[binary] 313233343536ff");
    assertThat(first.code()).isNull();
    assertThat(nextStored().text()).isEqualTo("[binary] 0001");
  }

  // ---- concatenation --------------------------------------------------------------------------

  @Test
  @DisplayName("a three-part GSM message with an 8-bit UDH reference, in order, is stored once, whole; an escape split between parts survives")
  void udhInOrder() throws Exception {
    String text = "Your verification code is 918273. It expires in 10 minutes. Price: 5€ per {request}. Thank you!";
    byte[] septets = Gsm7.encode(text);
    int cut = text.indexOf('€') + 1; // the septet after the escape starts part 2
    List<byte[]> parts = List.of(Arrays.copyOfRange(septets, 0, cut), Arrays.copyOfRange(septets, cut, 80),
        Arrays.copyOfRange(septets, 80, septets.length));
    assertThat(parts.get(0)).endsWith(0x1B);
    for (int i = 0; i < 3; i++) {
      deliver("447700900001", 0x40, 0x00, concat(udh8(17, 3, i + 1), parts.get(i)));
    }
    StoredSms sms = nextStored();
    assertThat(sms.text()).isEqualTo(text);
    assertThat(sms.code()).isEqualTo("918273");
    assertThat(inbox()).hasSize(1);
  }

  @Test
  @DisplayName("UCS-2 parts with a 16-bit reference, out of order and repeated, make one message; a surrogate pair split between parts survives")
  void udh16OutOfOrderRepeated() throws Exception {
    String text = "Ihr Code: 4433 😀 — bitte nicht weitergeben, niemals, an niemanden 🇩🇪";
    byte[] utf16 = text.getBytes(StandardCharsets.UTF_16BE);
    int emoji = text.indexOf("😀") * 2 + 2; // between the high and the low surrogate
    List<byte[]> parts = List.of(Arrays.copyOfRange(utf16, 0, emoji), Arrays.copyOfRange(utf16, emoji, 60),
        Arrays.copyOfRange(utf16, 60, utf16.length));
    int[] order = {3, 1, 3, 2, 1};
    for (int n : order) {
      deliver("447700900001", 0x40, 0x08, concat(udh16(0xBEEF, 3, n), parts.get(n - 1)));
    }
    assertThat(nextStored().text()).isEqualTo(text);
    assertThat(stored.poll(300, TimeUnit.MILLISECONDS)).isNull();
    assertThat(inbox()).hasSize(1);
  }

  @Test
  @DisplayName("two concatenated messages interleaved, one with UDH and one with SAR TLVs, are each stored whole")
  void interleavedUdhAndSar() throws Exception {
    List<byte[]> a = split("AAAA first message, part one; AAAA first message, part two.".getBytes(StandardCharsets.ISO_8859_1), 30);
    List<byte[]> b = split("BBBB second message in two; BBBB its other half.".getBytes(StandardCharsets.ISO_8859_1), 26);
    deliver("447700900001", 0x40, 0x03, concat(udh8(5, 2, 1), a.get(0)));
    deliver("447700900001", 0, 0x03, b.get(1), sar(5, 2, 2));
    deliver("447700900001", 0, 0x03, b.get(0), sar(5, 2, 1));
    deliver("447700900001", 0x40, 0x03, concat(udh8(5, 2, 2), a.get(1)));
    assertThat(List.of(nextStored().text(), nextStored().text())).containsExactly(
        "BBBB second message in two; BBBB its other half.", "AAAA first message, part one; AAAA first message, part two.");
  }

  @Test
  @DisplayName("parts carried in message_payload (with their UDH) are reassembled")
  void messagePayloadParts() throws Exception {
    String text = "x".repeat(200) + " and the end of a long message_payload set";
    List<byte[]> parts = split(Gsm7.encode(text), 150);
    for (int i = parts.size(); i >= 1; i--) {
      deliver("447700900001", 0x40, 0x00, new byte[0],
          tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, concat(udh8(99, parts.size(), i), parts.get(i - 1))));
    }
    assertThat(nextStored().text()).isEqualTo(text);
  }

  @Test
  @DisplayName("a message whose part never comes is stored after the timeout with what came, marked with the missing part")
  void incomplete() throws Exception {
    deliver("447700900001", 0x40, 0x03, concat(udh8(33, 3, 1), "Start of it, ".getBytes(StandardCharsets.ISO_8859_1)));
    deliver("447700900001", 0x40, 0x03, concat(udh8(33, 3, 3), " and its end.".getBytes(StandardCharsets.ISO_8859_1)));
    StoredSms sms = nextStored();
    assertThat(sms.text()).isEqualTo("Start of it, [part 2 of 3 missing] and its end.");
    assertThat(inbox().getJsonObject(0).getString("text")).isEqualTo("Start of it, [part 2 of 3 missing] and its end.");
  }

  // ---- receipts -------------------------------------------------------------------------------

  @Test
  @DisplayName("a delivery receipt is stored apart with its message id and state, and never reaches the inbox")
  void receipt() throws Exception {
    deliver("447700900001", 0x04, 0x00, "id:out-77 sub:001 dlvrd:001 submit date:2501020304 done date:2501020305 stat:DELIVRD err:000 text:"
        .getBytes(StandardCharsets.US_ASCII), tlv(SmppConstants.TAG_RECEIPTED_MSG_ID, "out-77\0".getBytes(StandardCharsets.US_ASCII)),
        tlv(SmppConstants.TAG_MSG_STATE, (byte) 2));
    List<DeliveryReceipt> receipts = node.vertx().eventBus()
        .<ReceiptList>request(Addresses.ROUTER_RECEIPT_LIST, new ReceiptQuery(null, 1000))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body().receipts();
    assertThat(receipts).filteredOn(r -> "out-77".equals(r.receiptedMessageId())).singleElement()
        .satisfies(r -> assertThat(r.messageState()).isEqualTo("DELIVERED"));
    assertThat(stored.poll(300, TimeUnit.MILLISECONDS)).isNull();
    assertThat(inbox()).isEmpty();
  }
}
