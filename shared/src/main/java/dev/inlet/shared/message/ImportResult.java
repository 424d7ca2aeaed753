package dev.inlet.shared.message;

import java.util.List;

/**
 * What an import did: all rows were valid and {@code added} numbers were new ({@code alreadyInPool} were there
 * already), or nothing was added and {@code errors} says what is wrong with each bad row.
 */
public record ImportResult(int rows, int added, int alreadyInPool, List<RowError> errors) {
  public ImportResult {
    errors = List.copyOf(errors);
  }

  /** A bad row: its line (CSV) or index (JSON, from 1), and what is wrong. */
  public record RowError(int row, String problem) {
  }
}
