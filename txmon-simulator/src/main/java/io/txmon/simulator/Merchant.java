package io.txmon.simulator;

import java.util.Objects;

/**
 * A business that takes card payments.
 *
 * @param id the {@code merchant_id}
 * @param category what it sells
 * @param city where its shop stands, or for an online merchant where it is registered
 * @param online whether it sells online rather than at a till
 */
record Merchant(String id, MerchantCategory category, City city, boolean online) {
    Merchant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(city, "city");
    }
}
