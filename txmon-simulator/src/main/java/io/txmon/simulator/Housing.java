package io.txmon.simulator;

import java.util.Objects;

/**
 * A monthly rent or mortgage payment by standing order.
 *
 * @param payeeId the landlord, letting agency or lender
 * @param cents the monthly amount
 * @param dayOfMonth the day it leaves the account, 1 to 28
 */
record Housing(String payeeId, long cents, int dayOfMonth) {
    Housing {
        Objects.requireNonNull(payeeId, "payeeId");
        if (dayOfMonth < 1 || dayOfMonth > 28) {
            throw new IllegalArgumentException("dayOfMonth must be between 1 and 28, was " + dayOfMonth);
        }
    }
}
