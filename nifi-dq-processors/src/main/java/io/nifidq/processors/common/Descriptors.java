package io.nifidq.processors.common;

import org.apache.nifi.components.DescribedValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.Validator;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.util.StandardValidators;

/**
 * The shapes most nifi-dq properties take, as builders: the processor adds what only it needs (dependsOn, Expression
 * Language) before build(). Argument order: name, default, validation, description.
 */
public final class Descriptors {

    private Descriptors() {
    }

    /** A property that always has a value: this one unless the user sets another. */
    public static PropertyDescriptor.Builder withDefault(final String name, final String defaultValue, final Validator validator,
                                                         final String description) {
        return new PropertyDescriptor.Builder().name(name).description(description).required(true).defaultValue(defaultValue)
                .addValidator(validator);
    }

    /** A property that may be left empty. */
    public static PropertyDescriptor.Builder optional(final String name, final Validator validator, final String description) {
        return new PropertyDescriptor.Builder().name(name).description(description).required(false).addValidator(validator);
    }

    /** One of a {@link Choice} enum's constants, this one by default. */
    public static <E extends Enum<E> & DescribedValue> PropertyDescriptor.Builder choice(final String name, final E defaultValue,
                                                                                        final String description) {
        return new PropertyDescriptor.Builder().name(name).description(description).required(true)
                .allowableValues(defaultValue.getDeclaringClass()).defaultValue(defaultValue);
    }

    /** true or false. */
    public static PropertyDescriptor.Builder flag(final String name, final String defaultValue, final String description) {
        return new PropertyDescriptor.Builder().name(name).description(description).required(true)
                .allowableValues("true", "false").defaultValue(defaultValue);
    }

    /** Names of record fields (one, or comma-separated), evaluated against each FlowFile's attributes; may be left empty. */
    public static PropertyDescriptor.Builder fieldNames(final String name, final String description) {
        return optional(name, StandardValidators.NON_BLANK_VALIDATOR, description)
                .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES);
    }
}
