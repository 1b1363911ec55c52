package io.txmon.formats;

/**
 * How many records a file held: those handed on as values and those rejected. Empty and blank lines
 * are neither.
 *
 * @param accepted records parsed and handed on
 * @param rejected records handed on as {@link RejectedRecord}s
 */
public record ReadSummary(long accepted, long rejected) {
    public ReadSummary {
        if (accepted < 0 || rejected < 0) {
            throw new IllegalArgumentException(
                    "counts must not be negative, were accepted=" + accepted + ", rejected=" + rejected);
        }
    }

    /** Every record the file held. */
    public long records() {
        return accepted + rejected;
    }
}
