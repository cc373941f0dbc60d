package io.nifidq.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where to run the model: "auto" (a GPU when the engine reports one), "cpu", or "gpu" / "gpu:N". */
record DeviceChoice(Kind kind, int gpuIndex) {

    enum Kind { AUTO, CPU, GPU }

    static final Pattern SYNTAX = Pattern.compile("(?i)\\s*(auto|cpu|gpu)(?::(\\d+))?\\s*");

    static DeviceChoice parse(final String text) {
        final Matcher matcher = SYNTAX.matcher(text == null ? "auto" : text);
        if (!matcher.matches() || (matcher.group(2) != null && !matcher.group(1).equalsIgnoreCase("gpu"))) {
            throw new IllegalArgumentException("'" + text + "' is not a device: use auto, cpu, gpu or gpu:<index>");
        }
        final Kind kind = Kind.valueOf(matcher.group(1).toUpperCase(java.util.Locale.ROOT));
        return new DeviceChoice(kind, matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2)));
    }
}
