package io.nifidq.processors.clean;

import io.nifidq.processors.common.DqAttributes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Standardisation parameters as FlowFile attributes: dq.clean.standardize.&lt;field&gt;.&lt;parameter&gt; = number. */
final class StandardizationAttributes {

    private StandardizationAttributes() {
    }

    static Map<String, Map<String, Double>> read(final Map<String, String> attributes) {
        final Map<String, Map<String, Double>> parameters = new TreeMap<>();
        attributes.forEach((name, value) -> {
            if (!name.startsWith(DqAttributes.Clean.STANDARDIZE_PREFIX) || name.lastIndexOf('.') <= DqAttributes.Clean.STANDARDIZE_PREFIX.length()) {
                return;
            }
            final String rest = name.substring(DqAttributes.Clean.STANDARDIZE_PREFIX.length());
            final String field = rest.substring(0, rest.lastIndexOf('.'));
            final String parameter = rest.substring(rest.lastIndexOf('.') + 1);
            try {
                parameters.computeIfAbsent(field, f -> new LinkedHashMap<>()).put(parameter, Double.parseDouble(value));
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("Attribute " + name + " is not a number: " + value, e);
            }
        });
        return parameters;
    }

    static Map<String, String> write(final Map<String, Map<String, Double>> parameters) {
        final Map<String, String> attributes = new LinkedHashMap<>();
        parameters.forEach((field, values) -> values.forEach((parameter, value) ->
                attributes.put(DqAttributes.Clean.STANDARDIZE_PREFIX + field + "." + parameter, String.valueOf(value))));
        return attributes;
    }
}
