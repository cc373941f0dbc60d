package io.nifidq.processors.common;

import org.apache.nifi.components.DescribedValue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A property's choice: an enum whose stored value is its constant's name (what users' flows hold, so a constant is
 * never renamed) and whose display name and description are the {@link Wording} on the constant. A choice that stands
 * for a plain-Java constant of nifi-dq-core has the same name and maps onto it, rather than repeating it.
 */
public interface Choice extends DescribedValue {

    /** What NiFi's UI shows for a choice. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Wording {
        String displayName();

        String description();
    }

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

    private Wording wording() {
        final Class<?> type = ((Enum<?>) this).getDeclaringClass();
        try {
            final Wording wording = type.getField(name()).getAnnotation(Wording.class);
            if (wording == null) {
                throw new IllegalStateException(type.getSimpleName() + "." + name() + " has no @Wording");
            }
            return wording;
        } catch (final NoSuchFieldException e) {
            throw new IllegalStateException(type.getSimpleName() + "." + name() + " is not a constant", e);
        }
    }
}
