package io.nifidq.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one {@link NiFiInstance} changes in the single-node configuration of conf/: nifi.properties values (replacing the
 * template's line of the same key, or added at the end), whole files written into conf/ after the template's (a file of
 * the same name replaces the template's), and the extra loopback ports the instance listens on, checked before launch.
 *
 * @param properties nifi.properties key to value, in the order they are added
 * @param files      file name in conf/ to its content
 * @param ports      what a port is for (e.g. "cluster protocol") to the port
 */
public record ConfOverrides(Map<String, String> properties, Map<String, String> files, Map<String, Integer> ports) {

    /** The single-node configuration as the templates have it. */
    public static final ConfOverrides NONE = new ConfOverrides(Map.of(), Map.of(), Map.of());

    public ConfOverrides {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
    }

    /**
     * The nifi.properties text with each overridden key's line replaced (the first line that sets the key; comments are
     * kept) and the keys the template does not have appended.
     */
    String applyTo(final String nifiProperties) {
        if (properties.isEmpty()) {
            return nifiProperties;
        }
        final Set<String> pending = new LinkedHashSet<>(properties.keySet());
        final List<String> lines = new ArrayList<>();
        for (final String line : nifiProperties.split("\n", -1)) {
            final int equals = line.indexOf('=');
            final String key = line.startsWith("#") || equals < 0 ? null : line.substring(0, equals).trim();
            if (key != null && pending.remove(key)) {
                lines.add(key + "=" + properties.get(key));
            } else {
                lines.add(line);
            }
        }
        final StringBuilder text = new StringBuilder(String.join("\n", lines));
        if (!pending.isEmpty()) {
            if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
                text.append('\n');
            }
            text.append("\n# Added for this node by nifi-dq\n");
            pending.forEach(key -> text.append(key).append('=').append(properties.get(key)).append('\n'));
        }
        return text.toString();
    }
}
