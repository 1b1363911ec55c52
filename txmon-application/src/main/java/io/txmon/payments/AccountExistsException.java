package io.txmon.payments;

/** An account asked to be opened holds money already. */
public final class AccountExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AccountExistsException(String userId) {
        super("account " + userId + " is open already");
    }
}
