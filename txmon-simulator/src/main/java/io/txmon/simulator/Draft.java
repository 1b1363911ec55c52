package io.txmon.simulator;

import io.txmon.transaction.Channel;
import io.txmon.transaction.TransactionType;

/**
 * A transaction before it has its place in time order and its id. The simulator writes drafts in
 * whatever order it plans them and the {@link Ledger} sorts them out, so the order of planning can
 * never show through.
 *
 * @param second epoch second of the event
 * @param userId the account the money moves for
 * @param cents the amount in cents of the base currency
 * @param type how the money moves
 * @param counterpartyId the receiving account of a transfer, else {@code null}
 * @param merchant the merchant of a card payment, else {@code null}
 * @param place the city the transaction is made in, or {@code null} when the bank cannot know it (money
 *     sent by another bank, batch payments)
 * @param channel where it was made, or {@code null} for batch payments and other banks' transfers
 * @param deviceId the device it was made from, or {@code null}
 * @param typology the pattern it belongs to, {@code null} for ordinary activity
 */
record Draft(
        long second,
        String userId,
        long cents,
        TransactionType type,
        String counterpartyId,
        Merchant merchant,
        City place,
        Channel channel,
        String deviceId,
        Typology typology) {

    /** A card payment at a merchant. */
    static Draft card(long second, String userId, long cents, Merchant merchant, City place, String deviceId) {
        Channel channel = merchant.online() ? Channel.ONLINE : Channel.POS;
        return new Draft(second, userId, cents, TransactionType.CARD, null, merchant, place, channel, deviceId, null);
    }

    /** A transfer made by a customer of the bank, online or in a branch. */
    static Draft transfer(
            long second, String from, String to, long cents, City place, Channel channel, String deviceId) {
        return new Draft(second, from, cents, TransactionType.TRANSFER, to, null, place, channel, deviceId, null);
    }

    /**
     * A transfer with no place, channel or device: a standing order, direct debit or payroll run the bank
     * executes in a batch, or money another bank sends in.
     */
    static Draft batch(long second, String from, String to, long cents) {
        return new Draft(second, from, cents, TransactionType.TRANSFER, to, null, null, null, null, null);
    }

    /** Cash paid in or taken out at a cash machine or branch. */
    static Draft cash(long second, String userId, long cents, TransactionType type, City place, Channel channel) {
        return new Draft(second, userId, cents, type, null, null, place, channel, null, null);
    }

    /** The same draft, marked as part of a typology. */
    Draft as(Typology pattern) {
        return new Draft(second, userId, cents, type, counterpartyId, merchant, place, channel, deviceId, pattern);
    }

    boolean suspicious() {
        return typology != null;
    }
}
