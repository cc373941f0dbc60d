package io.nifidq.benchmarks;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A benchmark's named choices (workloads, kinds) found by the key the command line uses. */
final class Keyed {

    private Keyed() {
    }

    /** The constant whose key this is; otherwise an error that names the known keys. */
    static <E extends Enum<E>> E byKey(final Class<E> type, final Function<E, String> keyOf, final String key, final String what) {
        for (final E constant : type.getEnumConstants()) {
            if (keyOf.apply(constant).equals(key)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("Unknown " + what + " '" + key + "'; known: "
                + Arrays.stream(type.getEnumConstants()).map(keyOf).collect(Collectors.joining(", ")));
    }
}
