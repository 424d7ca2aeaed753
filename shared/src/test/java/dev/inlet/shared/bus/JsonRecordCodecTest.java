package dev.inlet.shared.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.MessageList;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentalEvent;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.sms.Segment;
import dev.inlet.shared.sms.SmsAlphabet;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonRecordCodecTest {

  private static <T> T roundTrip(Class<T> type, T value) {
    JsonRecordCodec<T> codec = new JsonRecordCodec<>(type);
    Buffer buffer = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(buffer, value);
    return codec.decodeFromWire("prefix".length(), buffer);
  }

  @Test
  @DisplayName("an inbound SMS crosses the wire unchanged, unicode and instants included")
  void inboundSms() {
    InboundSms sms = new InboundSms("id-1", "+12125550100", "Google", "Код 1234 😀 €",
        Instant.parse("2026-11-25T18:00:00.123456Z"), "smpp:lab", "42");
    assertThat(roundTrip(InboundSms.class, sms)).isEqualTo(sms);
  }

  @Test
  @DisplayName("a part of a concatenated message crosses the wire with its segment's bytes")
  void inboundPart() {
    InboundSms part = new InboundSms("id-2", "+12125550100", "+447700900001", "part", Instant.parse("2026-11-25T18:00:00Z"),
        "smpp:lab", "43", "key", null, new Segment(513, 16, 3, 2, SmsAlphabet.UCS2, 0, 0, new byte[] {(byte) 0xD8, 0x3D}));
    assertThat(roundTrip(InboundSms.class, part)).isEqualTo(part);
  }

  @Test
  @DisplayName("nested records and lists cross the wire unchanged")
  void nested() {
    Rental r = new Rental("s1", "+12125550100", "US", null, "owner", Instant.parse("2026-11-25T18:00:00Z"),
        Instant.parse("2026-11-25T18:10:00Z"), null, null);
    assertThat(roundTrip(RentalEvent.class, new RentalEvent(RentalEvent.Kind.STARTED, r)))
        .isEqualTo(new RentalEvent(RentalEvent.Kind.STARTED, r));
    MessageList list = new MessageList(List.of(new StoredSms("m", "s1", "+12125550100", "x", "t", null,
        Instant.parse("2026-11-25T18:00:00Z"))));
    assertThat(roundTrip(MessageList.class, list)).isEqualTo(list);
  }

  @Test
  @DisplayName("inside one node a message is passed as is")
  void localTransform() {
    InboundSms sms = new InboundSms("id", "+12125550100", "a", "b", Instant.now(), "s", "r");
    assertThat(new JsonRecordCodec<>(InboundSms.class).transform(sms)).isSameAs(sms);
  }

  @Test
  @DisplayName("every message type has a codec with a name of its own")
  void uniqueNames() {
    assertThat(MessageCodecs.MESSAGE_TYPES.stream().map(t -> new JsonRecordCodec<>(t).name()).distinct())
        .hasSameSizeAs(MessageCodecs.MESSAGE_TYPES);
  }
}
