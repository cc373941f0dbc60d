package io.nifidq.quality.profile;

/**
 * Recognises the kind of a textual value (CSV fields arrive as strings) with hand-written scans:
 * regular expressions cost several times more on the per-cell hot path.
 */
final class ValueClassifier {

    private ValueClassifier() {
    }

    /** The kind of a trimmed, non-empty string. */
    static ValueKind classify(final String value) {
        final int length = value.length();
        final char first = value.charAt(0);
        if ((first == 't' || first == 'T' || first == 'f' || first == 'F')
                && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
            return ValueKind.BOOLEAN;
        }
        if (isInteger(value)) {
            return ValueKind.INTEGER;
        }
        if (isDecimal(value)) {
            return ValueKind.DECIMAL;
        }
        if (length >= 10 && isIsoDate(value)) {
            if (length == 10) {
                return ValueKind.DATE;
            }
            final char separator = value.charAt(10);
            if ((separator == 'T' || separator == ' ') && length >= 16 && isTime(value, 11)) {
                return ValueKind.TIMESTAMP;
            }
        }
        if (length == 10 && isDayMonthYear(value)) {
            return ValueKind.DATE;
        }
        return ValueKind.STRING;
    }

    static boolean isInteger(final String value) {
        final int start = value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0;
        final int digits = value.length() - start;
        if (digits < 1 || digits > 18) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            if (!isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Plain decimal notation with an optional exponent: -1.5, .25, 3e8, 1.2E-3. */
    static boolean isDecimal(final String value) {
        int i = value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0;
        int mantissaDigits = 0;
        boolean dot = false;
        for (; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (isDigit(c)) {
                mantissaDigits++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (mantissaDigits == 0) {
            return false;
        }
        if (i == value.length()) {
            return true;
        }
        if (value.charAt(i) != 'e' && value.charAt(i) != 'E') {
            return false;
        }
        i++;
        if (i < value.length() && (value.charAt(i) == '-' || value.charAt(i) == '+')) {
            i++;
        }
        final int exponentStart = i;
        for (; i < value.length(); i++) {
            if (!isDigit(value.charAt(i))) {
                return false;
            }
        }
        return i > exponentStart && i - exponentStart <= 3;
    }

    static double parseNumber(final String value) {
        return Double.parseDouble(value);
    }

    /** yyyy-mm-dd or yyyy/mm/dd at the start, with a real month and day. */
    private static boolean isIsoDate(final String value) {
        final char separator = value.charAt(4);
        if ((separator != '-' && separator != '/') || value.charAt(7) != separator) {
            return false;
        }
        return digits(value, 0, 4) && digits(value, 5, 7) && digits(value, 8, 10)
                && isMonthAndDay(number(value, 5, 7), number(value, 8, 10));
    }

    /** dd.mm.yyyy, dd/mm/yyyy or mm/dd/yyyy. */
    private static boolean isDayMonthYear(final String value) {
        final char separator = value.charAt(2);
        if ((separator != '.' && separator != '/' && separator != '-') || value.charAt(5) != separator) {
            return false;
        }
        if (!digits(value, 0, 2) || !digits(value, 3, 5) || !digits(value, 6, 10)) {
            return false;
        }
        final int a = number(value, 0, 2);
        final int b = number(value, 3, 5);
        return isMonthAndDay(b, a) || isMonthAndDay(a, b);
    }

    /** hh:mm, optionally followed by seconds, fractions and a zone, at the given position. */
    private static boolean isTime(final String value, final int start) {
        if (!digits(value, start, start + 2) || value.charAt(start + 2) != ':' || !digits(value, start + 3, start + 5)) {
            return false;
        }
        return number(value, start, start + 2) < 24 && number(value, start + 3, start + 5) < 60;
    }

    private static boolean isMonthAndDay(final int month, final int day) {
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    private static boolean digits(final String value, final int start, final int end) {
        for (int i = start; i < end; i++) {
            if (!isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int number(final String value, final int start, final int end) {
        int result = 0;
        for (int i = start; i < end; i++) {
            result = result * 10 + value.charAt(i) - '0';
        }
        return result;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }
}
