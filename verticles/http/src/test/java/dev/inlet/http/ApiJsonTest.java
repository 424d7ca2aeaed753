package dev.inlet.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.message.ImportResult;
import dev.inlet.shared.message.MessageList;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentalList;
import dev.inlet.shared.message.StoredSms;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The JSON shapes that clients read; every field is present, JSON null when there is no value. */
class ApiJsonTest {

  private static final Instant RECEIVED = Instant.parse("2026-11-25T18:00:00.123456Z");
  private static final Instant SENT = Instant.parse("2026-11-25T17:59:58Z");

  @Test
  @DisplayName("a message carries the source's sent_at next to received_at, both ISO-8601 to the millisecond")
  void sentAt() {
    JsonObject json = ApiJson.message(new StoredSms("m1", "s1", "+12125550100", "+447700900123", "  hi  ", null,
        RECEIVED, SENT));
    assertThat(json).isEqualTo(new JsonObject().put("id", "m1").put("from", "+447700900123").put("to", "+12125550100")
        .put("text", "  hi  ").put("code", null).put("received_at", "2026-11-25T18:00:00.123Z")
        .put("sent_at", "2026-11-25T17:59:58Z"));
  }

  @Test
  @DisplayName("a purged message keeps text and code as JSON null, and sent_at is JSON null when the source gave none")
  void purged() {
    JsonObject json = ApiJson.message(new StoredSms("m1", "s1", "+12125550100", "Google", null, null, RECEIVED, null));
    assertThat(json.fieldNames()).contains("text", "code", "sent_at");
    assertThat(json.getValue("text")).isNull();
    assertThat(json.getValue("code")).isNull();
    assertThat(json.getValue("sent_at")).isNull();
  }

  @Test
  @DisplayName("a page of messages names the id of its last message as next_after")
  void nextAfter() {
    JsonObject page = ApiJson.messages(new MessageList(List.of(
        new StoredSms("m1", "s1", "+12125550100", "A", "one", null, RECEIVED),
        new StoredSms("m2", "s1", "+12125550100", "B", "two", null, RECEIVED))));
    assertThat(page.getJsonArray("messages")).hasSize(2);
    assertThat(page.getString("next_after")).isEqualTo("m2");
  }

  @Test
  @DisplayName("an empty page of messages has next_after JSON null")
  void emptyPage() {
    JsonObject page = ApiJson.messages(new MessageList(List.of()));
    assertThat(page.getJsonArray("messages")).isEmpty();
    assertThat(page.containsKey("next_after")).isTrue();
    assertThat(page.getValue("next_after")).isNull();
  }

  @Test
  @DisplayName("a rental in a number's history names owner id, service, times and end reason, null where not yet known")
  void history() {
    Instant start = Instant.parse("2026-11-25T18:00:00Z");
    Rental live = new Rental("s2", "+12125550100", "US", null, "0123456789abcdef", start, start.plusSeconds(600),
        null, null, null);
    JsonObject json = ApiJson.history("+12125550100", new RentalList(List.of(live)));
    assertThat(json.getString("number")).isEqualTo("+12125550100");
    assertThat(json.getJsonArray("rentals").getJsonObject(0)).isEqualTo(new JsonObject()
        .put("session_id", "s2").put("owner", "0123456789abcdef").put("service", null)
        .put("started_at", "2026-11-25T18:00:00Z").put("expires_at", "2026-11-25T18:10:00Z")
        .put("ended_at", null).put("end_reason", null).put("last_sms_at", null));
  }

  @Test
  @DisplayName("the bad rows of an import are listed with their row and problem")
  void importErrors() {
    JsonArray errors = ApiJson.importErrors(new ImportResult(3, 0, 0, List.of(
        new ImportResult.RowError(2, "'+1' is not an E.164 number"), new ImportResult.RowError(3, "'XX' is not a country"))));
    assertThat(errors).containsExactly(
        new JsonObject().put("row", 2).put("problem", "'+1' is not an E.164 number"),
        new JsonObject().put("row", 3).put("problem", "'XX' is not a country"));
  }
}
