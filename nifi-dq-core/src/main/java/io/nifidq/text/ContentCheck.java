package io.nifidq.text;

import java.util.Locale;

/**
 * Whether a FlowFile's content may be passed on as records: a record reader does not fail on random bytes, a binary file
 * or the wrong character set (it replaces what it cannot decode with U+FFFD, or takes the whole content for a header),
 * so a processor that writes cleaned data asks this instead. Each method gives the reason to refuse, or null.
 *
 * @param maxInvalidShare the largest share of the content's bytes that may be invalid in its character set
 */
public record ContentCheck(double maxInvalidShare) {

    public ContentCheck {
        if (!(maxInvalidShare >= 0 && maxInvalidShare <= 1)) {
            throw new IllegalArgumentException("the largest invalid share must be in [0, 1], got " + maxInvalidShare);
        }
    }

    /** Why content with these bytes is not text in {@code charset}, or null when few enough of them are invalid. */
    public String refuseBytes(final String charset, final ByteValidity validity) {
        if (validity.invalidShare() <= maxInvalidShare) {
            return null;
        }
        return validity.describe(charset) + String.format(Locale.ROOT, ", more than the %.2f%% allowed: random or binary bytes, "
                + "or a different character set", 100 * maxInvalidShare);
    }

    /** Why content of {@code bytes} bytes in which the reader found {@code records} records is not data, or null. */
    public static String refuseNoRecords(final long bytes, final long records) {
        if (bytes == 0 || records > 0) {
            return null;
        }
        return bytes + " bytes of content but no record: the reader found none (not data in the reader's format, or only a header)";
    }
}
