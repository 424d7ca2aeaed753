package dev.inlet.shared.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FailureTest {

  @Test
  @DisplayName("every failure has its own code and comes back from it")
  void codesRoundTrip() {
    for (Failure f : Failure.values()) {
      assertThat(Failure.of(f.exception("x"))).isEqualTo(f);
    }
  }

  @Test
  @DisplayName("bus timeouts and missing handlers are transient failures")
  void busFailures() {
    assertThat(Failure.of(new ReplyException(ReplyFailure.TIMEOUT, "t"))).isEqualTo(Failure.TIMEOUT);
    assertThat(Failure.of(new ReplyException(ReplyFailure.NO_HANDLERS, "n"))).isEqualTo(Failure.UNAVAILABLE);
    assertThat(Failure.TIMEOUT.isTransient()).isTrue();
    assertThat(Failure.UNAVAILABLE.isTransient()).isTrue();
    assertThat(Failure.UNKNOWN_NUMBER.isTransient()).isFalse();
  }

  @Test
  @DisplayName("an exception that is not a bus reply is an internal failure")
  void otherExceptions() {
    assertThat(Failure.of(new IllegalStateException("boom"))).isEqualTo(Failure.INTERNAL);
  }

  @Test
  @DisplayName("the detail of a bus failure names the address that failed")
  void detailNamesAddress() {
    assertThat(Failure.detail(new ReplyException(ReplyFailure.NO_HANDLERS, "No handlers for address inlet.pool.available")))
        .isEqualTo("no verticle serves inlet.pool.available on any node");
    assertThat(Failure.detail(new ReplyException(ReplyFailure.TIMEOUT,
        "Timed out after waiting 200(ms) for a reply. address: __vertx.reply.1, repliedAddress: inlet.pool.rent")))
        .isEqualTo("no reply in time from inlet.pool.rent");
  }
}
