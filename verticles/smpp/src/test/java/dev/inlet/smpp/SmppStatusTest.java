package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Failure;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmppStatusTest {

  @Test
  @DisplayName("a number outside the pool is answered with ESME_RINVDSTADR")
  void unknownNumberIsAnInvalidDestination() {
    assertThat(SmppStatus.forRouteFailure(Failure.UNKNOWN_NUMBER.exception("not in the pool")))
        .isEqualTo(0x0000000B);
  }

  @Test
  @DisplayName("an invalid request is a permanent error, ESME_RX_R_APPN")
  void invalidRequestIsPermanent() {
    assertThat(SmppStatus.forRouteFailure(Failure.INVALID_REQUEST.exception("bad"))).isEqualTo(0x00000065);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Failure.class, names = {"TIMEOUT", "UNAVAILABLE", "STORE_UNAVAILABLE", "INTERNAL"})
  @DisplayName("a transient failure is a temporary error, ESME_RX_T_APPN, so the SMSC retries")
  void transientFailuresAreTemporary(Failure failure) {
    assertThat(SmppStatus.forRouteFailure(failure.exception("try later"))).isEqualTo(0x00000064);
  }

  @Test
  @DisplayName("a bus timeout is a temporary error")
  void busTimeoutIsTemporary() {
    assertThat(SmppStatus.forRouteFailure(new ReplyException(ReplyFailure.TIMEOUT, "no reply")))
        .isEqualTo(SmppStatus.ESME_RX_T_APPN);
  }

  @Test
  @DisplayName("no handlers on the bus (no router runs) is a temporary error")
  void noHandlersIsTemporary() {
    assertThat(SmppStatus.forRouteFailure(new ReplyException(ReplyFailure.NO_HANDLERS, "nobody")))
        .isEqualTo(SmppStatus.ESME_RX_T_APPN);
  }

  @Test
  @DisplayName("an unexpected exception is a temporary error")
  void unexpectedExceptionIsTemporary() {
    assertThat(SmppStatus.forRouteFailure(new IllegalStateException("bug"))).isEqualTo(SmppStatus.ESME_RX_T_APPN);
  }

  @Test
  @DisplayName("a destination that is not an international number is answered with ESME_RINVDSTADR")
  void invalidDestinationProblem() {
    assertThat(SmppStatus.forProblem(DecodedDeliverSm.Problem.INVALID_DESTINATION)).isEqualTo(0x0000000B);
  }

  @Test
  @DisplayName("an undecodable payload is a permanent error")
  void undecodableProblem() {
    assertThat(SmppStatus.forProblem(DecodedDeliverSm.Problem.UNDECODABLE)).isEqualTo(0x00000065);
  }

  @Test
  @DisplayName("statuses have their SMPP names in logs")
  void names() {
    assertThat(SmppStatus.name(0x64)).isEqualTo("ESME_RX_T_APPN");
    assertThat(SmppStatus.name(0x58)).isEqualTo("0x00000058");
  }
}
