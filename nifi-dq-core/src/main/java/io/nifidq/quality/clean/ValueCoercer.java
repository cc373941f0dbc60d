package io.nifidq.quality.clean;

import io.nifidq.quality.profile.NumericValues;
import io.nifidq.quality.profile.ValueKind;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Converts a value to a declared type, or says it cannot. */
final class ValueCoercer {

    private ValueCoercer() {
    }

    /** The converted value, or null when the value cannot be read as the type. */
    static Object coerce(final Object value, final ValueKind type) {
        final String text = value.toString().strip();
        return switch (type) {
            case INTEGER -> {
                if (value instanceof Long) {
                    yield value;
                }
                final Double number = NumericValues.asDouble(value);
                yield number != null && number == Math.rint(number) && Math.abs(number) < 9.0e15 ? (Object) number.longValue() : null;
            }
            case DECIMAL -> NumericValues.asDouble(value);
            case BOOLEAN -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1" -> Boolean.TRUE;
                case "false", "no", "n", "0" -> Boolean.FALSE;
                default -> null;
            };
            case DATE -> {
                try {
                    yield value instanceof LocalDate ? value : LocalDate.parse(text);
                } catch (final DateTimeParseException e) {
                    yield null;
                }
            }
            case STRING -> value.toString();
            default -> throw new IllegalArgumentException("Values cannot be coerced to " + type);
        };
    }
}
