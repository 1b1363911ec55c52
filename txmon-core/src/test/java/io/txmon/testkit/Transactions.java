package io.txmon.testkit;

import io.txmon.transaction.Channel;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Fixture factory for transactions: each starts valid and ids never repeat within a test. */
public final class Transactions {
    private final AtomicLong ids = new AtomicLong();

    public Transaction.Builder card(String user, Instant at, String amount, String city) {
        return Transaction.builder(nextId(), at, user, new BigDecimal(amount))
                .type(TransactionType.CARD)
                .merchantId("m-" + city.toLowerCase())
                .merchantType("groceries")
                .location(city)
                .channel(Channel.POS);
    }

    public Transaction.Builder transfer(String from, String to, Instant at, String amount) {
        return Transaction.builder(nextId(), at, from, new BigDecimal(amount))
                .type(TransactionType.TRANSFER)
                .counterpartyId(to)
                .channel(Channel.ONLINE);
    }

    public Transaction.Builder deposit(String user, Instant at, String amount) {
        return Transaction.builder(nextId(), at, user, new BigDecimal(amount))
                .type(TransactionType.CASH_IN)
                .channel(Channel.BRANCH);
    }

    public Transaction.Builder withdrawal(String user, Instant at, String amount) {
        return Transaction.builder(nextId(), at, user, new BigDecimal(amount))
                .type(TransactionType.CASH_OUT)
                .channel(Channel.ATM);
    }

    private String nextId() {
        return "tx-" + ids.incrementAndGet();
    }
}
