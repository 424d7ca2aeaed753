package dev.inlet.shared.message;

import java.time.Instant;

/** Which session held the number at this instant? */
public record HolderQuery(Instant at) {
}
