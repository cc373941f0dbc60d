package io.nifidq.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options after a subcommand: {@code --name value} pairs and bare {@code --flag}s, checked against the names the
 * subcommand knows.
 */
public final class BenchmarkOptions {

    private final Map<String, String> values = new HashMap<>();

    private BenchmarkOptions() {
    }

    public static BenchmarkOptions parse(final List<String> args, final Set<String> known) {
        return parse(args, known, Set.of());
    }

    /** As {@link #parse(List, Set)}, where the names in {@code flags} take no value; {@link #has} tells whether one was given. */
    public static BenchmarkOptions parse(final List<String> args, final Set<String> known, final Set<String> flags) {
        final BenchmarkOptions options = new BenchmarkOptions();
        for (int i = 0; i < args.size(); i++) {
            final String arg = args.get(i);
            final String name = arg.startsWith("--") ? arg.substring(2) : arg;
            if (arg.startsWith("--") && flags.contains(name)) {
                options.values.put(name, "true");
                continue;
            }
            if (!arg.startsWith("--") || !known.contains(name)) {
                throw new IllegalArgumentException("Unknown option '" + arg + "'; known: --"
                        + String.join(", --", known.stream().sorted().toList()) + (flags.isEmpty() ? "" : ", --" + String.join(", --", flags)));
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("Option " + arg + " needs a value");
            }
            options.values.put(arg.substring(2), args.get(++i));
        }
        return options;
    }

    public boolean has(final String name) {
        return values.containsKey(name);
    }

    public int intValue(final String name, final int defaultValue) {
        final String value = values.get(name);
        return value == null ? defaultValue : parseCount(name, value);
    }

    /** Comma-separated counts; underscores and a k/m suffix are allowed (1_000_000, 1m, 500k). */
    public List<Integer> intList(final String name, final List<Integer> defaultValue) {
        final String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        final List<Integer> result = new ArrayList<>();
        for (final String part : value.split(",")) {
            result.add(parseCount(name, part.strip()));
        }
        return result;
    }

    public List<String> stringList(final String name, final List<String> defaultValue) {
        final String value = values.get(name);
        return value == null ? defaultValue : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public String string(final String name, final String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public Path path(final String name) {
        final String value = values.get(name);
        return value == null ? null : Path.of(value);
    }

    private static int parseCount(final String name, final String raw) {
        String value = raw.replace("_", "").toLowerCase();
        long multiplier = 1;
        if (value.endsWith("k")) {
            multiplier = 1_000;
            value = value.substring(0, value.length() - 1);
        } else if (value.endsWith("m")) {
            multiplier = 1_000_000;
            value = value.substring(0, value.length() - 1);
        }
        try {
            final long count = Long.parseLong(value) * multiplier;
            if (count < 0 || count > Integer.MAX_VALUE) {
                throw new NumberFormatException("out of range");
            }
            return (int) count;
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a count such as 1000000, 1m or 500k, not '" + raw + "'", e);
        }
    }
}
