package io.nifidq.augment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the augmenter does: a rate (EDA's alpha) per operation, 0 turning it off; whether each copy gets one
 * operation (EDA) or all of them in turn; how the language is chosen; the seed.
 *
 * @param rates       alpha per operation, in [0, 1]; missing operations are off
 * @param allPerCopy  false: one operation per copy, rotating over the enabled ones (EDA); true: every enabled
 *                    operation, in the order of {@link Operation}
 * @param language    a fixed language, or null to detect it per text
 * @param seed        the seed every random choice derives from
 */
public record AugmentSettings(Map<Operation, Double> rates, boolean allPerCopy, Language language, long seed) {

    public AugmentSettings {
        final Map<Operation, Double> copy = new EnumMap<>(Operation.class);
        rates.forEach((operation, rate) -> {
            if (rate == null || rate < 0 || rate > 1) {
                throw new IllegalArgumentException("The rate of " + operation.label() + " must be in [0, 1]: " + rate);
            }
            if (rate > 0) {
                copy.put(operation, rate);
            }
        });
        rates = Map.copyOf(copy);
    }

    /** EDA's recommendation: alpha 0.1 for each of its four operations, no character noise, one per copy. */
    public static AugmentSettings eda(final long seed) {
        return new AugmentSettings(Map.of(Operation.SYNONYM_REPLACEMENT, 0.1, Operation.RANDOM_INSERTION, 0.1,
                Operation.RANDOM_SWAP, 0.1, Operation.RANDOM_DELETION, 0.1), false, null, seed);
    }

    /** The enabled operations that apply to texts of the language, in the order of {@link Operation}. */
    public List<Operation> operationsFor(final Language textLanguage) {
        final List<Operation> enabled = new ArrayList<>();
        for (final Operation operation : Operation.values()) {
            if (rates.containsKey(operation) && (textLanguage != Language.UNKNOWN || operation.languageFree())) {
                enabled.add(operation);
            }
        }
        return enabled;
    }

    public double rate(final Operation operation) {
        return rates.getOrDefault(operation, 0.0);
    }
}
