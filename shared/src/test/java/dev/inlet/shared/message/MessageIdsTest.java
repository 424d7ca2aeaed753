package dev.inlet.shared.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

  @Test
  @DisplayName("a new id is a version 7 UUID of the RFC variant that carries the current time in milliseconds")
  void versionSeven() {
    long before = System.currentTimeMillis();
    UUID id = UUID.fromString(MessageIds.next());
    long after = System.currentTimeMillis();
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
  }

  @Property
  @Label("an id made at a later millisecond sorts after one made earlier, as text")
  void timeOrdered(@ForAll @LongRange(min = 0, max = 1L << 46) long t,
                   @ForAll @LongRange(min = 1, max = 1L << 20) long later) {
    assertThat(MessageIds.next(t + later).compareTo(MessageIds.next(t))).isPositive();
  }

  @Test
  @DisplayName("ids made in the same millisecond differ")
  void unique() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(MessageIds.next(1_700_000_000_000L));
    }
    assertThat(ids).hasSize(100_000);
  }
}
