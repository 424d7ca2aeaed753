package dev.inlet.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a production node (PostgreSQL + Redis) while an operator's SMSC delivers 2,000 messages to a rented
 * number: whatever the node acknowledged survives, what it did not acknowledge is delivered again by the SMSC, and
 * nothing is stored twice. The scenario is {@link KillNineScenario}; {@link KillNineBench} runs it with 20,000.
 */
@DisplayName("A production node killed with kill -9 while the SMSC delivers")
class KillNineTest {

  private static final int MESSAGES = 2_000;
  private static final int LOST_ACKS = 50;

  private static KillNineScenario.Result result;

  @BeforeAll
  static void run() throws Exception {
    result = new KillNineScenario(new KillNineScenario.Settings(MESSAGES, 8, 1.0 / 3, LOST_ACKS,
        Duration.ofMinutes(3))).run();
    System.out.println("kill -9 scenario:\n" + result.report());
  }

  @Test
  @DisplayName("is killed after about a third of the messages were acknowledged, and in the end every message is acknowledged")
  void killedMidStream() {
    assertThat(result.ackedBeforeKill()).as(result.report())
        .isGreaterThanOrEqualTo(result.settings().killAt()).isLessThan(MESSAGES);
    assertThat(result.rejected()).as("permanently rejected\n" + result.report()).isEmpty();
    assertThat(result.unfinished()).as("never acknowledged\n" + result.report()).isEmpty();
    assertThat(result.ackedTotal()).as(result.report()).isEqualTo(MESSAGES);
  }

  @Test
  @DisplayName("has stored every message it acknowledged with ESME_ROK, before the kill and after the restart")
  void nothingAcknowledgedIsLost() {
    assertThat(result.missingAtKill()).as("acknowledged before the kill, not in PostgreSQL right after it\n"
        + result.report()).isEmpty();
    assertThat(result.missing()).as("acknowledged, not in PostgreSQL\n" + result.report()).isEmpty();
  }

  @Test
  @DisplayName("stores no message twice, although the SMSC delivered every unacknowledged message again, and some acknowledged ones")
  void nothingStoredTwice() {
    assertThat(result.lostAcksReplayed()).as(result.report()).isEqualTo(LOST_ACKS);
    assertThat(result.lostAcksAnsweredOk()).as("acknowledged messages delivered again are answered ESME_ROK\n"
        + result.report()).isEqualTo(LOST_ACKS);
    assertThat(result.storedTwice()).as("message counter -> rows\n" + result.report()).isEmpty();
    assertThat(result.foreignRows()).as(result.report()).isZero();
    assertThat(result.storedRows()).as(result.report()).isEqualTo(MESSAGES);
  }

  @Test
  @DisplayName("keeps the rental, and its inbox lists every message exactly once, page by page")
  void rentalAndInboxSurvive() {
    assertThat(result.rentalActive()).as("the rental is still active in PostgreSQL\n" + result.report()).isTrue();
    assertThat(result.rowsBySession()).as("rows by session\n" + result.report())
        .isEqualTo(Map.of(result.sessionId(), MESSAGES));
    assertThat(result.inboxStatus()).as(result.report()).isEqualTo(200);
    assertThat(result.inboxMissing()).as("not listed by GET /api/messages\n" + result.report()).isEmpty();
    assertThat(result.inboxDuplicates()).as(result.report()).isZero();
    assertThat(result.inboxListed()).as(result.report()).isEqualTo(MESSAGES);
  }

  @Test
  @DisplayName("answers its HTTP API after the restart before it binds to the SMSC")
  void httpBeforeBindOnRestart() {
    assertThat(result.probeAtFirstBind()).as("at the first start\n" + result.report()).isEqualTo("200");
    assertThat(result.probeAtRestartBind()).as("GET /api/numbers when the SMSC received the bind request\n"
        + result.report()).isEqualTo("200");
    assertThat(result.restartHttpLine()).as("'%s' in the restarted node's log\n%s", KillNineScenario.HTTP_LINE,
        result.restartLogTail()).isNotNegative();
    assertThat(result.restartBoundLine()).as("'%s' in the restarted node's log\n%s", KillNineScenario.BOUND_LINE,
        result.restartLogTail()).isGreaterThan(result.restartHttpLine());
  }
}
