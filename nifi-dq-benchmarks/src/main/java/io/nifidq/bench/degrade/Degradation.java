package io.nifidq.bench.degrade;

import java.util.List;
import java.util.Map;

/**
 * What one corruption did to a table.
 *
 * @param table     the corrupted table (a new one; the input is left as it was)
 * @param counts    what was injected, by kind (for example {@code labelsFlipped}, {@code rowsAdded}, {@code rowsDropped})
 * @param rows      the data rows touched, 0-based: positions in the OUTPUT for edited and added rows, positions in the
 *                  INPUT for dropped rows (see {@code rowsRefer})
 * @param rowsRefer {@code "output"} or {@code "input"}
 */
public record Degradation(LabelledTable table, Map<String, Long> counts, List<Integer> rows, String rowsRefer) {
}
