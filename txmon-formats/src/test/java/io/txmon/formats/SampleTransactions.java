package io.txmon.formats;

import io.txmon.transaction.Channel;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/** Transactions and files the format tests share, named for what they are. */
final class SampleTransactions {
    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency INR = Currency.getInstance("INR");
    static final TransactionParser PARSER = new TransactionParser(EUR);

    static final Instant JAN_14_AT_3PM = Instant.parse("2026-01-14T15:00:00Z");
    static final Instant JAN_14_AT_3PM_AND_A_BIT = Instant.parse("2026-01-14T15:00:00.123456789Z");

    static final String HEADER = "transaction_id,timestamp,user_id,amount\n";

    private SampleTransactions() {}

    /** The seed API example: a card payment in Mumbai. */
    static Transaction seedExample() {
        return Transaction.builder("txn_001", JAN_14_AT_3PM, "user_001", new BigDecimal("5000"))
                .currency(INR)
                .location("Mumbai")
                .merchantType("electronics")
                .build();
    }

    /** A transfer with every optional field given. */
    static Transaction fullTransfer() {
        return Transaction.builder("txn_002", JAN_14_AT_3PM_AND_A_BIT, "user_002", new BigDecimal("12.50"))
                .currency(EUR)
                .type(TransactionType.TRANSFER)
                .counterpartyId("user_003")
                .merchantId("m_77")
                .merchantType("books, \"rare\"")
                .location("Zürich")
                .country("CH")
                .channel(Channel.ONLINE)
                .deviceId("dev-9")
                .build();
    }

    /** A tiny cash withdrawal whose amount has the most decimals the contract allows. */
    static Transaction tinyWithdrawal() {
        return Transaction.builder("txn_003", JAN_14_AT_3PM.plusSeconds(60), "user_001", new BigDecimal("0.000001"))
                .currency(EUR)
                .type(TransactionType.CASH_OUT)
                .channel(Channel.ATM)
                .build();
    }

    static List<Transaction> all() {
        return List.of(seedExample(), fullTransfer(), tinyWithdrawal());
    }

    static String row(String id, String amount) {
        return id + ",2026-01-14T15:00:00Z,user_001," + amount + "\n";
    }
}
