package io.txmon.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.transaction.InvalidFieldException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserting that input is refused the way every caller sees it: an {@link InvalidFieldException} naming the field. */
public final class InvalidFields {
    private InvalidFields() {}

    /** Asserts that {@code call} refuses its input naming {@code field}, with {@code problem} in the message. */
    public static void assertInvalidField(ThrowingCallable call, String field, String problem) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(problem);
    }
}
