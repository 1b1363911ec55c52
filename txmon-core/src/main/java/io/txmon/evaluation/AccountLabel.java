package io.txmon.evaluation;

/**
 * The truth about one account, for data sets that label accounts rather than transactions (AMLSim's SAR
 * flag: the account was reported as taking part in money laundering).
 *
 * @param userId the account, as {@code user_id} and {@code counterparty_id} name it
 * @param suspicious whether the account was suspicious
 */
public record AccountLabel(String userId, boolean suspicious) {
    public AccountLabel {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank, was '" + userId + "'");
        }
    }
}
