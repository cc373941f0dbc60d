package io.nifidq.processors.common;

import org.apache.nifi.components.DescribedValue;

/**
 * A property's choice: an enum whose stored value is its constant's name (what users' flows hold, so a constant is
 * never renamed) and whose display name and description are its {@link Wording}. A choice that stands for a
 * plain-Java constant of nifi-dq-core has the same name and maps onto it, rather than repeating it.
 */
public interface Choice extends DescribedValue {

    /** What NiFi's UI shows for a choice. */
    record Wording(String displayName, String description) {
    }

    Wording wording();

    String name();

    @Override
    default String getValue() {
        return name();
    }

    @Override
    default String getDisplayName() {
        return wording().displayName();
    }

    @Override
    default String getDescription() {
        return wording().description();
    }
}
