package io.txmon.stream;

import java.util.Objects;

/** New reference data for an account, from the {@code accounts} topic: read when the account opens. */
record AccountUpdate(ReferenceAccount reference) implements AccountInput {
    AccountUpdate {
        Objects.requireNonNull(reference, "reference");
    }

    @Override
    public String accountId() {
        return reference.userId();
    }
}
